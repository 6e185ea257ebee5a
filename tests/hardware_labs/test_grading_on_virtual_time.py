"""`autograder grade` runs lab code on virtual time: exact timings, no real sleeping.

A tiny course holds one lab-like notebook whose test cell checks the SOS of issue 18 to
the nanosecond and sleeps 45 seconds (longer than the 30-second cell limit: on the real
clock it could never pass), and whose "watch it" cell sleeps 100 seconds; and a lesson
without pins, which must keep the real time functions. The week is graded through
nbgrader exactly as an instructor's `autograder grade` does (sandbox on where bubblewrap
exists).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from autograder.course import authoring
from autograder.course.authoring import code, md, notebook, save, solution
from autograder.course.project import Project
from autograder.grade.config import grading_config
from autograder.grade.sandbox import sandbox_problem
from autograder.grade.week import grade_week
from autograder.gradebook.bridge import gradebook
from autograder.handins.release import release_week
from autograder.validate.synthetic import filled_release
from hardware_labs.virtual_clock import ENV_VAR

REPO = Path(__file__).resolve().parents[2]
NB = "lab-timing.ipynb"


def plain_notebook():
    """A lesson without pins: it keeps the real clock and the real time functions."""
    return notebook(
        md("# A lesson without pins"),
        solution("q1_twice", """
            def twice(x):
                ### BEGIN SOLUTION
                return 2 * x
                ### END SOLUTION
        """),
        authoring.tests("q1_twice", """
            import time
            assert twice(2) == 4
            ### BEGIN HIDDEN TESTS
            assert type(time.sleep).__name__ == "builtin_function_or_method", time.sleep
            ### END HIDDEN TESTS
        """, points=1),
    )


def timing_notebook():
    return notebook(
        md("# A lab on virtual time\nA fictional lab for the grader's tests."),
        code('''
            from hardware_labs import start_lab, kit
            lab = start_lab("H4")
        '''),
        solution("lab1_sos", '''
            import time

            def sos(buzzer, short, long, gap):
                ### BEGIN SOLUTION
                for seconds in [short] * 3 + [long] * 3 + [short] * 3:
                    buzzer.on()
                    time.sleep(seconds)
                    buzzer.off()
                    time.sleep(gap)
                ### END SOLUTION
        '''),
        authoring.tests("lab1_sos", '''
            import time
            from gpiozero import Buzzer
            from hardware_labs import kit
            from hardware_labs.grading import mock_pins, record
            with mock_pins():
                buzzer = Buzzer(kit.BUZZER)
                with record(buzzer, "the buzzer") as rec:
                    sos(buzzer, 0.015, 0.05, 0.07)
                want = [0.015] * 3 + [0.05] * 3 + [0.015] * 3
                assert all(abs(a - b) < 1e-9 for a, b in zip(rec.on_times(), want)), rec.on_times()
            ### BEGIN HIDDEN TESTS
            started = time.monotonic()
            time.sleep(45)
            assert abs(time.monotonic() - started - 45) < 1e-9
            ### END HIDDEN TESTS
        ''', points=2),
        code('''
            time.sleep(100)       # "watch it": free while grading
            from hardware_labs import virtual_clock
            print("virtual clock:", virtual_clock.active(), "board:", lab.board)
        '''),
    )


@pytest.mark.slow
def test_a_lab_is_graded_on_virtual_time_through_nbgrader(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    project = Project(tmp_path / "course-root")
    project.source.mkdir(parents=True)
    shutil.copy2(REPO / "nbgrader_config.py", project.config_file)
    shutil.copy2(REPO / "course" / "syllabus.toml", project.syllabus_file)
    save(timing_notebook(), project.source / "week01" / NB)
    save(plain_notebook(), project.source / "week01" / "lesson-plain.ipynb")
    release_week(project, "week01")
    with gradebook(project) as book:
        book.update_or_create_student("KHD-001")
    folder = project.submitted / "KHD-001" / "week01"
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text("2027-01-08 10:00:00.000000")
    for name, nb in filled_release(project, "week01").items():
        nbformat.write(nb, folder / name)

    [result] = grade_week(project, "week01", jobs=2, sandbox=sandbox_problem() is None)

    graded = nbformat.read(project.autograded / "KHD-001" / "week01" / NB, as_version=4)
    text = "\n".join(o.get("text", "") + o.get("evalue", "")
                     for c in graded.cells for o in c.get("outputs", []))
    assert "virtual clock: True board: None" in text
    assert (result.score, result.max_score, result.error) == (3, 3, ""), text


def test_grading_turns_the_clock_on_unless_told_not_to(monkeypatch, tmp_path):
    project = Project(tmp_path)
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert grading_config(project, sandbox=False).RobustExecute.virtual_clock is True
    monkeypatch.setenv(ENV_VAR, "0")
    assert grading_config(project, sandbox=False).RobustExecute.virtual_clock is False
