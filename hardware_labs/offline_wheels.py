"""Build a folder of wheels that installs Pathways on Raspberry Pi OS (Bookworm, 64-bit) offline.

Run it once where there is internet (any Linux or macOS machine with Python 3.11):

    python -m hardware_labs.offline_wheels /media/usb/pathways-wheels

then on each Pi, with no internet:

    python3 -m venv ~/pathways-env
    ~/pathways-env/bin/pip install --no-index --find-links /media/usb/pathways-wheels "pathways-course[pi]"
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Bookworm has glibc 2.36; lgpio's only real aarch64 wheel is tagged manylinux_2_34 (without
# that tag pip picks a hollow "lgpio 0.0.0.2" wheel).
PLATFORMS = ["manylinux_2_17_aarch64", "manylinux2014_aarch64", "manylinux_2_28_aarch64",
             "manylinux_2_34_aarch64", "linux_aarch64"]


def download_command(folder: Path, project_wheel: Path) -> list[str]:
    """pip download of every dependency (and the Pi extra) as aarch64 wheels for Python 3.11."""
    command = [sys.executable, "-m", "pip", "download", "--only-binary=:all:",
               "--python-version", "3.11", "--implementation", "cp", "-d", str(folder),
               "--find-links", str(folder)]
    for platform in PLATFORMS:
        command += ["--platform", platform]
    return command + [f"{project_wheel}[pi]"]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("Usage: python -m hardware_labs.offline_wheels FOLDER   (e.g. /media/usb/pathways-wheels)")
        return 2
    folder = Path(args[0]).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(folder), str(ROOT)],
                   check=True)
    project_wheel = max(folder.glob("pathways_course-*.whl"), key=lambda p: p.stat().st_mtime)
    subprocess.run(download_command(folder, project_wheel), check=True)
    wheels = sorted(folder.glob("*.whl"))
    size = sum(w.stat().st_size for w in wheels) / 1e6
    print(f"{len(wheels)} wheels, {size:.0f} MB in {folder}. On each Pi, with no internet:\n"
          f"  python3 -m venv ~/pathways-env\n"
          f"  ~/pathways-env/bin/pip install --no-index --find-links {folder} \"pathways-course[pi]\"")
    return 0


if __name__ == "__main__":
    sys.exit(main())
