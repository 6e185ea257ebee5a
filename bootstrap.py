#!/usr/bin/env python3
"""Set up Pathways on a fresh machine, then run the demo or the tests.

    python3 bootstrap.py demo    # install everything, run the whole week on a demo class
    python3 bootstrap.py test    # install everything, run the test suite

It makes a virtual environment in .venv, installs the project with its test tools, and on
Debian or Raspberry Pi OS installs the system packages grading and certificates use
(bubblewrap for the grading sandbox, Noto fonts for Bengali and Devanagari names) when
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
SYSTEM_PACKAGES = {"bwrap": "bubblewrap", "pdftotext": "poppler-utils",
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
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        say("Making a virtual environment in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("Installing Pathways and its libraries (about a minute the first time)")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-e", ".[dev]")
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        say(f"Pathways needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
        return 2
    if len(argv) != 1 or argv[0] not in ("demo", "test"):
        say("Usage: python3 bootstrap.py demo   |   python3 bootstrap.py test")
        return 2
    install_system_packages()
    install_python_packages()
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if argv[0] == "demo":
        command = [str(BIN / "autograder"), "demo"]
    else:
        command = [str(BIN / "python"), "-m", "pytest", "-q"]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
