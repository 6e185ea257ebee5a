#!/usr/bin/env python3
"""Set up Pathways on a fresh machine, then run the demo or the tests.

    python3 bootstrap.py demo          # install everything, run the whole week on a demo class
    python3 bootstrap.py test          # install everything, run the whole test suite
    python3 bootstrap.py test --quick  # the same without the tests that run notebooks (2 minutes)
    python3 bootstrap.py lock          # after changing pyproject.toml: remake requirements.lock

It makes a virtual environment in .venv, installs the project with its test tools at the
exact versions in requirements.lock (so every machine, and the offline Pi bundle, runs what
the tests ran), and on
Debian or Raspberry Pi OS installs the system packages grading and certificates use
(bubblewrap for the grading sandbox, Noto fonts for Bengali and Devanagari names, Chromium
for the browser tests) when
it may (as root); otherwise it says which command to run. Only the standard library is
used here, so it runs before anything is installed.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".pathways-installed"
LOCK = ROOT / "requirements.lock"
QUICK = ["-m", "not slow"]  # the tests that run notebooks in kernels are marked slow
SYSTEM_PACKAGES = {"bwrap": "bubblewrap", "pdftotext": "poppler-utils",
                   "/usr/bin/chromium": "chromium",  # the browser tests drive Debian's Chromium
                   "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf": "fonts-noto-core"}


def say(message: str) -> None:
    print(f"[pathways] {message}", flush=True)


def run(*command: str | Path) -> None:
    subprocess.run([str(c) for c in command], check=True, cwd=ROOT)


def missing_system_packages() -> list[str]:
    missing = []
    for thing, package in SYSTEM_PACKAGES.items():
        found = Path(thing).exists() if thing.startswith("/") else shutil.which(thing)
        if not found:
            missing.append(package)
    return missing


def install_system_packages() -> None:
    """bubblewrap, poppler-utils and Noto fonts on Debian-like Linux, when we may."""
    if not sys.platform.startswith("linux") or not shutil.which("apt-get"):
        return
    missing = missing_system_packages()
    if not missing:
        return
    if os.geteuid() != 0:
        say(f"Optional system packages missing: {' '.join(missing)}. Install them with: "
            f"sudo apt-get install -y {' '.join(missing)}")
        return
    say(f"Installing system packages: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=False, env=env)


def install_python_packages() -> None:
    """A venv with the project installed (editable) and its test tools; redone when pyproject changes."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        say("Making a virtual environment in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("Installing Pathways and its libraries (about a minute the first time)")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-c", LOCK, "-e", ".[dev]")
    STAMP.write_text(wanted)


def write_lock() -> None:
    """requirements.lock from what .venv holds now (install, run the tests, then lock)."""
    frozen = subprocess.run([str(BIN / "python"), "-m", "pip", "freeze", "--exclude-editable",
                             "--disable-pip-version-check"], check=True, capture_output=True, text=True).stdout
    pinned = [line for line in frozen.splitlines() if line and not line.startswith("pathways")]
    import tomllib  # here, not at the top: Python 3.10 must still reach the version message

    # The Raspberry Pi's own pin library is not installed here; pyproject.toml pins it exactly.
    pi_only = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["pi"]
    LOCK.write_text("# Exact versions bootstrap.py installs (as pip constraints), tested together on Python 3.11.\n"
                    "# Remake after changing pyproject.toml: python3 bootstrap.py lock\n"
                    + "\n".join(pinned + pi_only) + "\n")
    say(f"Wrote {len(pinned) + len(pi_only)} exact versions to {LOCK.name}")


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        say(f"Pathways needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
        return 2
    if argv not in (["demo"], ["test"], ["test", "--quick"], ["lock"]):
        say("Usage: python3 bootstrap.py demo  |  test [--quick]  |  lock")
        return 2
    install_system_packages()
    install_python_packages()
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if argv[0] == "lock":
        write_lock()
        return 0
    if argv[0] == "demo":
        return subprocess.run([str(BIN / "autograder"), "demo"], cwd=ROOT, env=env).returncode
    checks = [[str(BIN / "ruff"), "check", "."],            # settings in pyproject.toml
              [str(BIN / "mypy")],
              [str(BIN / "python"), "-m", "pytest", "-q", *(QUICK if "--quick" in argv else [])]]
    failed = 0
    for command in checks:
        say(" ".join(Path(command[0]).name if k == 0 else part for k, part in enumerate(command)))
        failed = max(failed, subprocess.run(command, cwd=ROOT, env=env).returncode)
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
