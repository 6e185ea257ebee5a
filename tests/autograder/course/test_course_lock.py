"""Two commands that change one course never interleave: the second stops at once and
says what is running, since when, and which process."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from autograder.cli import main
from autograder.course.lock import CourseBusy, course_lock

HOLDER = textwrap.dedent("""
    import sys, pathlib
    from autograder.course.project import Project
    from autograder.course.lock import course_lock
    with course_lock(Project(pathlib.Path(sys.argv[1])), "grading week05"):
        print("holding", flush=True)
        sys.stdin.readline()          # hold until the test says so
""")


@pytest.fixture
def another_terminal_grading(tiny_course):
    """A second process holding the course, as `autograder grade week05` would."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tiny_course.root)], text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=os.environ.copy())
    assert proc.stdout.readline().strip() == "holding"
    yield proc
    if proc.poll() is None:
        proc.stdin.write("done\n")
        proc.stdin.flush()
    proc.wait(timeout=60)


def test_collect_while_grading_runs_stops_with_what_holds_the_course(tiny_course, another_terminal_grading, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    result = CliRunner().invoke(main, ["--project", str(tiny_course.root), "collect", "week01", "--from", str(stick)])
    assert result.exit_code == 1
    assert "grading week05 is running since" in result.output
    assert f"(pid {another_terminal_grading.pid})" in result.output
    assert "Traceback" not in result.output


def test_the_course_is_free_again_when_the_other_command_ends(tiny_course, another_terminal_grading):
    with pytest.raises(CourseBusy):
        with course_lock(tiny_course, "importing the roster"):
            pass
    another_terminal_grading.stdin.write("done\n")
    another_terminal_grading.stdin.flush()
    another_terminal_grading.wait(timeout=60)
    with course_lock(tiny_course, "importing the roster"):
        pass


def test_a_killed_command_leaves_no_stale_lock(tiny_course, another_terminal_grading):
    another_terminal_grading.kill()
    another_terminal_grading.wait(timeout=60)
    with course_lock(tiny_course, "collecting week01"):
        pass


def test_reading_commands_do_not_wait_for_the_lock(tiny_course, another_terminal_grading):
    result = CliRunner().invoke(main, ["--project", str(tiny_course.root), "students", "list"])
    assert "running since" not in result.output
