"""A folder for a USB stick that sets up a student's Raspberry Pi with no internet.

    autograder pi-bundle --to /media/usb/pathways-pi

It holds wheels/ (every library the student side needs, built for Raspberry Pi OS Bookworm:
aarch64, Python 3.11, at the exact versions of requirements.lock, plus this project's own
wheel), course/ (the released weeks), install.sh and bundle.json. A teacher builds it once on
a machine with internet; each Pi then runs `sh install.sh` from the stick.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, replace
from importlib import resources
from pathlib import Path

from autograder import safe_files
from autograder.course.project import Project
from autograder.errors import PathwaysError

LOCK_FILE = "requirements.lock"


@dataclass(frozen=True)
class Platform:
    """Where the bundle will be installed: pip's --platform tags, or None for this machine."""

    name: str
    python_version: str
    tags: tuple[str, ...] | None
    extras: str  # the project's extras to install there ("[pi]" adds the Pi's pin library)

    def pip_options(self) -> list[str]:
        if self.tags is None:
            return []
        tags = [option for tag in self.tags for option in ("--platform", tag)]
        major, minor = self.python_version.split(".")[:2]
        return [*tags, "--python-version", self.python_version, "--implementation", "cp",
                "--abi", f"cp{major}{minor}", "--only-binary=:all:"]


# Raspberry Pi OS Bookworm, 64-bit (Pi 4 and Pi 5): glibc 2.36, Python 3.11.2 (a library that
# needs 3.11.5 would not install there). lgpio 0.2.2.0's wheel is tagged manylinux_2_34, so
# the newer tags come first.
RASPBERRY_PI = Platform("raspberry-pi-os-bookworm-aarch64", "3.11.2",
                        ("manylinux_2_36_aarch64", "manylinux_2_34_aarch64", "manylinux_2_28_aarch64",
                         "manylinux_2_17_aarch64", "manylinux2014_aarch64", "linux_aarch64"), "[pi]")
THIS_MACHINE = Platform("this-machine", ".".join(map(str, sys.version_info[:3])), None, "")


class BundleError(PathwaysError, RuntimeError):
    """The bundle could not be built (no internet, or a library has no wheel for the Pi)."""


@dataclass(frozen=True)
class Bundle:
    folder: Path
    platform: str
    python_version: str
    weeks: tuple[str, ...]
    wheels: int
    built_on: str


def default_weeks(project: Project, today: dt.date | None = None) -> list[str]:
    """The weeks released so far by the syllabus dates (week01 before the course starts)."""
    today = today or dt.date.today()
    released = [w.id for w in project.syllabus.weeks
                if w.release_date <= today and project.release_notebooks(w.id)]
    return released or [project.syllabus.weeks[0].id]


def build_bundle(project: Project, to: Path, weeks: list[str], platform: Platform = RASPBERRY_PI) -> Bundle:
    """Build the bundle in `to` (new or empty). It is built in a hidden folder inside `to` and
    moved into place when complete, bundle.json last, so a failed download never leaves a
    half bundle that looks ready. `to` itself is never removed or replaced: it may be a USB
    stick's mount point, or the folder the teacher's terminal is in."""
    if to.exists() and any(to.iterdir()):
        raise BundleError(f"{to} is not empty; choose a new folder for the bundle (nothing was written).")
    for week in weeks:
        project.syllabus.week(week)
        if not project.release_notebooks(week):
            raise BundleError(f"{week} is not released yet; run `autograder release {week}` first.")
    made = not to.exists()
    to.mkdir(parents=True, exist_ok=True)
    partial = to / ".bundle.partial"
    try:
        bundle = _fill(project, partial, weeks, platform)
        for name in ("wheels", "course", "install.sh", "bundle.json"):  # bundle.json last: whole
            (partial / name).rename(to / name)
        partial.rmdir()
    except BaseException:
        for entry in list(to.iterdir()):  # `to` was empty: everything in it is this build's
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        if made:
            to.rmdir()
        raise
    return replace(bundle, folder=to)


def _fill(project: Project, to: Path, weeks: list[str], platform: Platform) -> Bundle:
    wheels = to / "wheels"
    wheels.mkdir(parents=True)
    _pip("wheel", "--no-deps", "--wheel-dir", str(wheels), str(project.root))
    [own] = sorted(wheels.glob("pathways_course-*.whl"))
    _pip("download", "--dest", str(wheels), "--constraint", str(project.root / LOCK_FILE),
         *platform.pip_options(), f"{own}{platform.extras}")
    for week in weeks:
        shutil.copytree(project.release / week, to / "course" / week,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    script = resources.files("autograder.classroom").joinpath("templates", "install.sh").read_text()
    minor = ".".join(platform.python_version.split(".")[:2])   # the Pi's exact patch release may differ
    script = script.replace("@EXTRAS@", platform.extras).replace("@PYTHON_VERSION@", minor)
    safe_files.write_text(to / "install.sh", script)
    (to / "install.sh").chmod(0o755)
    bundle = Bundle(to, platform.name, platform.python_version, tuple(weeks),
                    len(list(wheels.glob("*.whl"))), dt.datetime.now().isoformat(timespec="seconds"))
    safe_files.write_text(to / "bundle.json", json.dumps({**asdict(bundle), "folder": None}, indent=1))
    return bundle


def _pip(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", *args, "--quiet", "--disable-pip-version-check"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()
                 and not line.startswith("WARNING: Location")]
        raise BundleError(f"pip {args[0]} failed: {(lines or ['no message'])[-1][:300]} "
                          "(the bundle needs internet while it is built).")
