"""Is this Raspberry Pi ready for class? One line per thing a lesson needs, before students come.

    python -m hardware_labs.pi_ready            # on the student's Pi, after install.sh

It checks, without wiring: which pins the labs will use (the real header on a Pi, found by
its driver's label even where a kernel update renumbered it; pretend pins elsewhere), that
JupyterLab and the Python kernel are installed, and that every week's notebook in
~/pathways opens. `python -m hardware_labs.check_kit` then checks the wired kit itself.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .pin_factories import header_gpiochip, on_raspberry_pi, wants_mock_pins


@dataclass(frozen=True)
class Check:
    ok: bool
    line: str


def pins() -> Check:
    if wants_mock_pins():
        where = "this is not a Raspberry Pi" if not on_raspberry_pi() else "GPIOZERO_PIN_FACTORY=mock is set"
        return Check(True, f"Pins: pretend pins with the simulated board ({where}).")
    chip = header_gpiochip()
    if chip is None:
        return Check(False, "Pins: the 40-pin header's GPIO chip was not found. Is lgpio installed (install.sh "
                            "does it), and is this user in the 'gpio' group (sudo adduser $USER gpio)?")
    return Check(True, f"Pins: the 40-pin header is /dev/gpiochip{chip}.")


def jupyterlab() -> Check:
    found = subprocess.run([sys.executable, "-m", "jupyter", "lab", "--version"], capture_output=True, text=True)
    if found.returncode != 0:
        return Check(False, "JupyterLab: not installed in this Python; run install.sh from the USB stick again.")
    kernels = subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list"], capture_output=True, text=True)
    if "python3" not in kernels.stdout:
        return Check(False, "JupyterLab: no Python kernel is registered; run install.sh from the USB stick again.")
    return Check(True, f"JupyterLab {found.stdout.strip()} with the Python kernel.")


def notebooks(course: Path) -> list[Check]:
    paths = sorted(course.glob("week*/*.ipynb"))
    if not paths:
        return [Check(False, f"Notebooks: none in {course}; run install.sh, or unzip the week's bundle there.")]
    broken = []
    for path in paths:
        try:
            nbformat.validate(nbformat.read(path, as_version=4))
        except Exception as error:  # noqa: BLE001 (any reason a notebook will not open)
            broken.append(Check(False, f"Notebook {path} does not open ({type(error).__name__}); copy it "
                                       "again from the USB stick (keep the old one if it holds work)."))
    weeks = sorted({p.parent.name for p in paths})
    return broken or [Check(True, f"Notebooks: {len(paths)} open, in {', '.join(weeks)}.")]


def readiness(course: Path | None = None) -> list[Check]:
    return [pins(), jupyterlab(), *notebooks(course or Path.home() / "pathways")]


def main() -> int:
    checks = readiness()
    for check in checks:
        print(("ready   " if check.ok else "PROBLEM ") + check.line)
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
