"""A teacher prepares one USB stick; every student's Raspberry Pi is set up from it with no
internet. These tests build real bundles (they need the package index while building)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from autograder.classroom import pi_bundle
from autograder.classroom.pi_bundle import RASPBERRY_PI, THIS_MACHINE, BundleError, build_bundle, default_weeks
from autograder.course.project import Project

REPO = Path(__file__).resolve().parents[3]


def offline_pip_env(home: Path | None = None) -> dict[str, str]:
    """pip that sees only the bundle: no config files, no machine-wide wheel folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if home is not None:
        env["HOME"] = str(home)
    return env


@pytest.mark.slow
def test_the_pi_bundle_installs_from_its_folder_alone_on_a_raspberry_pi(tmp_path):
    stick = tmp_path / "usb" / "pathways-pi"
    bundle = build_bundle(Project(REPO), stick, ["week01", "week10"], RASPBERRY_PI)
    report = tmp_path / "report.json"
    tags = [option for tag in RASPBERRY_PI.tags or () for option in ("--platform", tag)]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", str(stick / "wheels"),
         *tags, "--python-version", "3.11.2", "--implementation", "cp", "--abi", "cp311",
         "--only-binary=:all:", "--target", str(tmp_path / "pi"), "--report", str(report),
         "pathways-course[pi]"], capture_output=True, text=True, env=offline_pip_env())
    assert done.returncode == 0, done.stderr[-2000:]
    installed = {item["metadata"]["name"].lower() for item in json.loads(report.read_text())["install"]}
    assert {"pathways-course", "jupyterlab", "nbgrader", "ipywidgets", "gpiozero", "lgpio", "ipykernel"} <= installed
    assert (bundle.weeks, bundle.python_version) == (("week01", "week10"), "3.11.2")
    assert sorted(p.name for p in (stick / "course" / "week10").glob("*.ipynb")) == \
        sorted(p.name for p in Project(REPO).release_notebooks("week10"))
    assert os.access(stick / "install.sh", os.X_OK)
    assert json.loads((stick / "bundle.json").read_text())["platform"] == RASPBERRY_PI.name


@pytest.mark.slow
def test_install_sh_sets_up_jupyterlab_for_a_student_from_a_bundle_built_for_this_machine(tmp_path):
    stick = tmp_path / "usb" / "pathways-here"
    build_bundle(Project(REPO), stick, ["week01"], THIS_MACHINE)
    home = tmp_path / "home"
    home.mkdir()
    env = {**offline_pip_env(home), "PYTHON": sys.executable}
    first = subprocess.run(["sh", str(stick / "install.sh")], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "ready   JupyterLab" in first.stdout and "ready   Notebooks:" in first.stdout, first.stdout
    course = home / "pathways"
    venv_python = course / ".venv" / "bin" / "python"
    notebook = course / "week01" / "lesson-hello-python.ipynb"
    assert notebook.is_file()
    kernel = json.loads((home / ".local/share/jupyter/kernels/python3/kernel.json").read_text())
    assert Path(kernel["argv"][0]) == venv_python
    disabled = json.loads((home / ".jupyter/labconfig/page_config.json").read_text())["disabledExtensions"]
    assert disabled["@jupyter/nbgrader:formgrader"] is True
    assert "Exec=" in (home / ".local/share/applications/pathways.desktop").read_text()
    # A student's saved work survives the next update from the stick.
    notebook.write_text(notebook.read_text().replace("Write your answer here", "my own answer"))
    again = subprocess.run(["sh", str(stick / "install.sh")], capture_output=True, text=True, env=env)
    assert again.returncode == 0, again.stderr
    assert "my own answer" in notebook.read_text()
    assert_jupyterlab_starts(course, env)


def assert_jupyterlab_starts(course: Path, env: dict[str, str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = ["--allow-root"] if os.geteuid() == 0 else []  # CI runs as root; a student never does
    log = course.parent / "jupyter.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(course / ".venv/bin/jupyter"), "lab", "--no-browser", f"--port={port}",
                                   "--ip=127.0.0.1", "--IdentityProvider.token=pathways",
                                   f"--notebook-dir={course}", *root],
                                  env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/week01?token=pathways",
                                            timeout=5) as reply:
                    names = {item["name"] for item in json.load(reply)["content"]}
                break
            except OSError:
                assert server.poll() is None, f"jupyter lab stopped while starting: {log.read_text()[-1500:]}"
                assert time.monotonic() < deadline, "jupyter lab did not answer in 3 minutes"
                time.sleep(1)
        assert "lesson-hello-python.ipynb" in names
    finally:
        if server.poll() is None:
            os.killpg(server.pid, 15)
        server.wait(timeout=60)


def test_a_folder_with_other_files_is_never_used_for_a_bundle(tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "photos.zip").write_text("a teacher's own file")
    with pytest.raises(BundleError, match="is not empty; choose a new folder"):
        build_bundle(Project(REPO), stick, ["week01"])
    assert [p.name for p in stick.iterdir()] == ["photos.zip"]


def test_a_failed_download_leaves_no_half_bundle(tmp_path, monkeypatch):
    def no_internet(*args: str) -> None:
        raise BundleError("pip download failed: no internet")

    monkeypatch.setattr(pi_bundle, "_pip", no_internet)
    with pytest.raises(BundleError):
        build_bundle(Project(REPO), tmp_path / "pathways-pi", ["week01"])
    assert list(tmp_path.iterdir()) == []


def test_an_empty_stick_is_filled_in_place_never_replaced(tmp_path, monkeypatch):
    """The folder may be a USB stick's mount point, or where the teacher's terminal stands."""
    def offline_pip(command: str, *args: str) -> None:
        if command == "wheel":  # the project's own wheel; the download adds nothing here
            (Path(args[args.index("--wheel-dir") + 1]) / "pathways_course-0.1.0-py3-none-any.whl").write_text("")

    monkeypatch.setattr(pi_bundle, "_pip", offline_pip)
    stick = tmp_path / "usb"
    stick.mkdir()
    before = stick.stat().st_ino
    build_bundle(Project(REPO), stick, ["week01"])
    assert stick.stat().st_ino == before
    assert sorted(p.name for p in stick.iterdir()) == ["bundle.json", "course", "install.sh", "wheels"]


def test_before_the_course_starts_the_bundle_carries_week_one():
    project = Project(REPO)
    before = project.syllabus.start_date.replace(year=project.syllabus.start_date.year - 1)
    assert default_weeks(project, before) == ["week01"]
    third = project.syllabus.weeks[2].release_date
    assert default_weeks(project, third) == ["week01", "week02", "week03"]
