"""Grades out of the gradebook as CSV: nbgrader's export columns plus centre and batch."""
from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.api import MissingEntry

from autograder.nbgrader_api import gradebook
from autograder.project import Project
from autograder.grades_file import write_grades
from autograder.roster import load_roster
from autograder.scores import notebook_rows

NBGRADER_COLUMNS = ("assignment", "duedate", "timestamp", "student_id", "last_name", "first_name",
                    "email", "raw_score", "late_submission_penalty", "score", "max_score")
COLUMNS = NBGRADER_COLUMNS + ("centre", "batch")


def grade_rows(project: Project) -> list[dict]:
    """One row per assignment and student, as `nbgrader export` makes them (0 if not submitted)."""
    roster = load_roster(project)
    rows = []
    with gradebook(project) as book:
        for assignment in book.assignments:
            for student in book.students:
                row = {"assignment": assignment.name, "duedate": assignment.duedate or "",
                       "student_id": student.id, "last_name": student.last_name or "",
                       "first_name": student.first_name or "", "email": student.email or "",
                       "max_score": assignment.max_score, "timestamp": "", "raw_score": 0.0,
                       "late_submission_penalty": 0.0, "score": 0.0}
                try:
                    submission = book.find_submission(assignment.name, student.id)
                except MissingEntry:
                    pass
                else:
                    row.update(timestamp=submission.timestamp or "", raw_score=submission.score,
                               late_submission_penalty=submission.late_submission_penalty,
                               score=submission.score - submission.late_submission_penalty)
                known = roster.get(student.id)
                row.update(centre=known.centre if known else "", batch=known.batch if known else "")
                rows.append(row)
    return rows


def export_grades(project: Project, to: Path) -> int:
    """Write the CSV (UTF-8, opens in Excel and LibreOffice); returns the number of rows."""
    rows = grade_rows(project)
    to.parent.mkdir(parents=True, exist_ok=True)
    partial = to.with_name(to.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    partial.replace(to)
    return len(rows)


def export_by_notebook(project: Project, to: Path) -> int:
    """One row per student, week and notebook (empty score = not submitted)."""
    return write_grades(to, notebook_rows(project), load_roster(project))
