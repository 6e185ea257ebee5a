"""Week 18 grades the tests students write: prove it with the real grader.

In week 18 a student writes a check (a test function) for a given correct function. Each
graded cell runs the check on the correct function (it must pass) and on planted broken
copies (it must fail on each). A check that asserts nothing passes the correct function
but catches no bug, so it must earn nothing; a check that fails on the correct function
must earn nothing too; a check that catches only some bugs earns only some points.
One grading run through autograder.validate.checks.check_weeks, then per-cell scores from the
scratch gradebook.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder.course.project import Project
from autograder.gradebook.bridge import gradebook
from autograder.validate.checks import WrongAnswer, check_weeks

PROJECT = Project(Path(__file__).resolve().parents[2])
WEEK = "week18"
LESSON = "lesson-testing-your-own-code.ipynb"

pytestmark = pytest.mark.slow

# The graded cells of each exercise, and their points.
CELLS = {
    "q1_fix_check": {"q1_fix_check_tests": 2},
    "q2_check_fare": {"q2_check_fare_tests": 2, "q2_fare_boundaries_tests": 2},
    "q3_check_days": {"q3_check_days_tests": 2, "q3_days_edges_tests": 2},
    "q4_check_attendance": {"q4_check_attendance_tests": 2, "q4_attendance_edges_tests": 3},
}
ALL_CELLS = {cell: points for cells in CELLS.values() for cell, points in cells.items()}
PARAMS = {"q1_fix_check": ("check_points", "points"), "q2_check_fare": ("check_fare", "fare"),
          "q3_check_days": ("check_days", "days"), "q4_check_attendance": ("check_attendance", "attendance")}


def _wrong(cell: str, mistake: str, code: str) -> WrongAnswer:
    return WrongAnswer(WEEK, LESSON, cell, mistake, code)


# A check that asserts nothing, for every exercise: it earns no point of that exercise.
EMPTY = [_wrong(cell, f"asserts nothing {n}", f"def {name}({param}):\n    pass\n")
         for n, (cell, (name, param)) in enumerate(PARAMS.items(), start=1)]
# A check that fails on the correct function, though it would catch every bug.
ALWAYS_FAILS = _wrong("q4_check_attendance", "fails on the correct function",
                      "def check_attendance(attendance):\n"
                      "    assert attendance(['P', 'A']) == 51.0, 'half should be 51.0'\n")
# A check that catches the wrong fares but tests only one side of each boundary.
ONE_SIDED = _wrong("q2_check_fare", "one side of each boundary",
                   "def check_fare(fare):\n"
                   "    assert fare(1) == 10\n    assert fare(5) == 10\n"
                   "    assert fare(12) == 20\n    assert fare(20) == 25\n")
STUDENTS = EMPTY + [ALWAYS_FAILS, ONE_SIDED]


def _expected(wrong: WrongAnswer) -> dict[str, float]:
    """Full marks everywhere except the cells of the exercise the wrong answer is in."""
    scores = dict(ALL_CELLS)
    for cell in CELLS[wrong.cell]:
        scores[cell] = 0
    if wrong is ONE_SIDED:
        scores["q2_check_fare_tests"] = 2
    return scores


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("week18") / "course"
    reports = check_weeks(PROJECT, [WEEK], scratch, STUDENTS)
    cell_scores = {}
    with gradebook(Project(scratch)) as book:
        for wrong in STUDENTS:
            cell_scores[wrong.mistake] = {
                cell: float(book.find_grade(cell, Path(LESSON).stem, WEEK, wrong.student_id).score)
                for cell in ALL_CELLS}
    return reports[WEEK], cell_scores


def test_the_week_itself_grades_honestly(graded):
    report, _ = graded
    assert report.solution_scores[Path(LESSON).stem] == (15, 15)
    assert report.untouched_scores[Path(LESSON).stem][0] == 0
    assert not report.problems, "\n".join(report.problems)


@pytest.mark.parametrize("wrong", STUDENTS, ids=[w.mistake for w in STUDENTS])
def test_each_check_earns_only_what_it_catches(graded, wrong):
    _, cell_scores = graded
    assert cell_scores[wrong.mistake] == _expected(wrong), (
        f"{wrong.mistake} ({wrong.cell}) earned {cell_scores[wrong.mistake]}")
