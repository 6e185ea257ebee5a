"""Scores read back from the gradebook, per student and notebook."""
from __future__ import annotations

from dataclasses import dataclass

from autograder.nbgrader_api import gradebook
from autograder.project import Project


@dataclass(frozen=True)
class NotebookScore:
    student_id: str
    notebook: str
    score: float
    max_score: float


def notebook_scores(project: Project, week_id: str) -> dict[str, list[NotebookScore]]:
    """{student_id: [NotebookScore, ...]} for every graded submission of the week."""
    if not project.gradebook_file.exists():
        return {}
    out: dict[str, list[NotebookScore]] = {}
    with gradebook(project) as book:
        try:
            assignment = book.find_assignment(week_id)
        except Exception:
            return {}
        for submission in assignment.submissions:
            sid = submission.student.id
            for nb in submission.notebooks:
                out.setdefault(sid, []).append(
                    NotebookScore(sid, nb.name, float(nb.score), float(nb.max_score)))
    return out
