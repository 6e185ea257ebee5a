"""Every written week is honest: the checks of autograder.validate.checks, for every week, every run.

One scratch course holds all written weeks; each "student" (source solutions, untouched
release, each known wrong answer) is graded once by the real nbgrader, in parallel.
Failure messages name the week, notebook and cell.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder.course.project import Project
from autograder.validate.checks import WeekReport, check_weeks, static_problems, wrong_answers_for

PROJECT = Project(Path(__file__).resolve().parents[2])
WRITTEN_WEEKS = [w.id for w in PROJECT.syllabus.weeks if PROJECT.source_notebooks(w.id)]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def scratch_course(tmp_path_factory) -> Project:
    return Project(tmp_path_factory.mktemp("validate") / "course")


@pytest.fixture(scope="session")
def graded_weeks(scratch_course) -> dict[str, WeekReport]:
    return check_weeks(PROJECT, WRITTEN_WEEKS, scratch_course.root, wrong_answers_for(PROJECT, WRITTEN_WEEKS))


def test_at_least_the_first_week_is_written():
    assert "week01" in WRITTEN_WEEKS, "course/source/week01 is the model week and must exist"


@pytest.mark.parametrize("week", WRITTEN_WEEKS)
def test_source_follows_the_rules(week: str):
    problems = static_problems(PROJECT, week)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("week", WRITTEN_WEEKS)
def test_release_solutions_untouched_and_wrong_answers_grade_as_they_should(week, graded_weeks):
    report = graded_weeks[week]
    assert report.solution_scores, f"{week}: nothing was graded for the source solutions"
    assert not report.problems, "\n".join(report.problems)


@pytest.mark.parametrize("week", WRITTEN_WEEKS)
def test_lesson_weeks_have_five_exercises_and_typical_wrong_answers(week: str):
    lessons = [p for p in PROJECT.source_notebooks(week) if p.name.startswith("lesson-")]
    if not lessons:
        pytest.skip(f"{week} has no lesson notebook: a capstone week holds projects (checked by "
                    "the validation test), another week only its safety module so far")
    import nbformat

    graded = [c for p in lessons for c in nbformat.read(p, as_version=4).cells
              if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded) >= 5, f"{week}: the lesson has {len(graded)} graded exercises; it needs at least 5"
    wrong = [w for w in wrong_answers_for(PROJECT, [week]) if w.notebook.startswith("lesson-")]
    assert len(wrong) >= 3, (f"{week}: course/checks/wrong_answers/{week}.toml has {len(wrong)} "
                             "wrong answers for the lesson; it needs at least 3")


@pytest.mark.parametrize("week", WRITTEN_WEEKS)
def test_feedback_never_shows_hidden_tests_or_solutions(week, graded_weeks, scratch_course, tmp_path):
    """Every graded check student of the week gets feedback; no page holds a secret."""
    from autograder.course.secrets import leaked, page_text, secret_lines, submission_text
    from autograder.feedback.pages import write_feedback

    pages = write_feedback(scratch_course, week, tmp_path)
    assert pages, f"{week}: no feedback was written"
    hidden, solutions = secret_lines(PROJECT.source / week)
    for page in pages:
        student = page.relative_to(tmp_path).parts[0]
        own = submission_text(scratch_course.submitted / student / week)
        found = leaked(page_text(page), hidden, solutions, own)
        assert not found, f"{week}: {page.relative_to(tmp_path)} shows secret lines: {found[:3]}"
