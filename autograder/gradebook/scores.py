"""Scores read back from the gradebook, per student and notebook."""
from __future__ import annotations

from dataclasses import dataclass

from autograder.course.project import Project
from autograder.gradebook.bridge import find_or_none, gradebook
from autograder.gradebook.health import check_gradebook


@dataclass(frozen=True)
class NotebookScore:
    student_id: str
    notebook: str
    score: float
    max_score: float
    waiting: bool = False  # handed in, with written answers or rubric items still to grade by hand


def notebook_scores(project: Project, week_id: str) -> dict[str, list[NotebookScore]]:
    """{student_id: [NotebookScore, ...]} for every graded submission of the week."""
    if not check_gradebook(project):
        return {}
    out: dict[str, list[NotebookScore]] = {}
    with gradebook(project) as book:
        assignment = find_or_none(book.find_assignment, week_id)
        if assignment is None:
            return {}
        for submission in assignment.submissions:
            sid = submission.student.id
            for nb in submission.notebooks:
                out.setdefault(sid, []).append(
                    NotebookScore(sid, nb.name, float(nb.score), float(nb.max_score),
                                  bool(nb.needs_manual_grade)))
    return out


@dataclass(frozen=True)
class NotebookRow:
    """One student's result for one notebook of one week; score None = not submitted."""

    assignment: str
    notebook: str  # file name, e.g. "lesson-strings.ipynb"
    student_id: str
    score: float | None
    max_score: float
    # A safety module's knowledge check (its kc* cells), judged on its own for certificates;
    # check_max 0 = not known (a lesson, or a grades file without these columns).
    check_score: float | None = None
    check_max: float = 0.0
    # Handed in, but written answers or rubric items (the capstone's) still wait for formgrader.
    waiting: bool = False


KNOWLEDGE_CHECK_PREFIX = "kc"


def notebook_rows(project: Project) -> list[NotebookRow]:
    """Every (week, notebook, student) in the gradebook, submitted or not."""
    if not check_gradebook(project):
        return []
    rows = []
    with gradebook(project) as book:
        students = [s.id for s in book.students]
        for assignment in book.assignments:
            submitted = {s.student.id: s for s in assignment.submissions}
            for nb in assignment.notebooks:
                check_max = _check_max(nb) if nb.name.startswith("safety-") else 0.0
                for sid in students:
                    graded = {n.name: n for n in submitted[sid].notebooks} if sid in submitted else {}
                    mine = graded.get(nb.name)
                    score = float(mine.score) if mine is not None else None
                    check = _check_score(mine) if mine is not None and check_max else None
                    waiting = bool(mine.needs_manual_grade) if mine is not None else False
                    rows.append(NotebookRow(assignment.name, f"{nb.name}.ipynb", sid, score, float(nb.max_score),
                                            check, check_max, waiting))
    return rows


def _check_max(notebook) -> float:  # noqa: ANN001
    return float(sum(c.max_score for c in notebook.grade_cells if c.name.startswith(KNOWLEDGE_CHECK_PREFIX)))


def _check_score(submitted_notebook) -> float:  # noqa: ANN001
    return float(sum(g.score or 0 for g in submitted_notebook.grades if g.name.startswith(KNOWLEDGE_CHECK_PREFIX)))
