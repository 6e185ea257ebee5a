"""A student chooses one of four capstone projects; the three they did not choose never count
against them in the week's percent, the capstone percent or the certificate."""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder.course.project import Project
from autograder.eligibility import Rules, counted_rows, standing
from autograder.gradebook.scores import NotebookRow

SYLLABUS = Project(Path(__file__).resolve().parents[3]).syllabus
PROJECTS = ["project-job-offer-checker.ipynb", "project-helpline-app.ipynb",
            "project-safety-alarm.ipynb", "project-survey-dashboard.ipynb"]


def course(student: str, capstone: dict[str, dict[str, float | None]]) -> list[NotebookRow]:
    """90 % in every ordinary notebook; capstone weeks' projects scored as given (None = not handed in)."""
    rows = []
    for week in SYLLABUS.weeks:
        if week.safety:
            rows.append(NotebookRow(week.id, week.safety_notebook, student, 9, 10))
        if week.capstone:
            scores = capstone.get(week.id, {})
            rows += [NotebookRow(week.id, name, student, scores.get(name), 20) for name in PROJECTS]
        else:
            rows.append(NotebookRow(week.id, "lesson-main.ipynb", student, 90, 100))
    return rows


def test_one_project_handed_in_counts_alone_and_the_others_are_left_out():
    rows = course("S1", {"week24": {"project-helpline-app.ipynb": 16}, "week25": {"project-helpline-app.ipynb": 18}})
    s = standing("S1", rows, SYLLABUS, Rules())
    assert s.capstone_percent == 85.0           # (16 + 18) of 40, not of 160
    assert s.missing == [] and s.level == "distinction"
    week24 = [r for r in counted_rows(rows, SYLLABUS) if r.assignment == "week24"]
    assert sorted(r.notebook for r in week24) == ["project-helpline-app.ipynb", "safety-safe-job-search.ipynb"]


def test_the_week_percent_of_a_capstone_week_is_the_chosen_project_with_the_safety_module():
    rows = course("S1", {"week24": {"project-safety-alarm.ipynb": 10}, "week25": {"project-safety-alarm.ipynb": 20}})
    s = standing("S1", rows, SYLLABUS, Rules())
    assert s.week_percent["week24"] == pytest.approx(100 * (10 + 9) / (20 + 10))
    assert s.week_percent["week25"] == 100.0


def test_two_projects_handed_in_count_the_better_one():
    rows = course("S1", {"week24": {"project-helpline-app.ipynb": 8, "project-survey-dashboard.ipynb": 14}})
    chosen = [r for r in counted_rows(rows, SYLLABUS) if r.assignment == "week24" and r.notebook.startswith("project-")]
    assert [(r.notebook, r.score) for r in chosen] == [("project-survey-dashboard.ipynb", 14)]


def test_no_project_handed_in_is_one_missing_capstone_not_four():
    s = standing("S1", course("S1", {}), SYLLABUS, Rules())
    assert "capstone not submitted" in s.missing
    assert s.week_percent["week24"] == pytest.approx(100 * 9 / 30)   # S8's 9 of 10, and one project's 20 not handed in


def test_only_week_24_handed_in_counts_week_25_as_zero_of_one_project():
    rows = course("S1", {"week24": {"project-job-offer-checker.ipynb": 20}})
    s = standing("S1", rows, SYLLABUS, Rules())
    assert s.capstone_percent == 50.0


def test_a_capstone_waiting_for_hand_grading_is_not_yet_eligible_with_exactly_that_reason():
    rows = course("S1", {"week24": {"project-helpline-app.ipynb": 16}, "week25": {"project-helpline-app.ipynb": 12}})
    rows = [NotebookRow(r.assignment, r.notebook, r.student_id, r.score, r.max_score,
                        waiting=(r.assignment == "week25" and r.notebook == "project-helpline-app.ipynb"))
            for r in rows]
    s = standing("S1", rows, SYLLABUS, Rules())
    assert s.missing == ["capstone: waiting for hand grading"] and s.level is None


def test_an_untouched_project_handed_in_beside_the_chosen_one_does_not_wait_or_count():
    rows = course("S1", {"week25": {"project-helpline-app.ipynb": 18, "project-safety-alarm.ipynb": 0}})
    rows = [NotebookRow(r.assignment, r.notebook, r.student_id, r.score, r.max_score,
                        waiting=(r.notebook == "project-safety-alarm.ipynb" and r.assignment == "week25"))
            for r in rows]
    s = standing("S1", rows, SYLLABUS, Rules())
    assert "capstone: waiting for hand grading" not in s.missing
