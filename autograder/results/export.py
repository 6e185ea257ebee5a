"""Grades out of the gradebook as CSV: nbgrader's export columns plus centre and batch."""
from __future__ import annotations

import csv
from pathlib import Path

from autograder import safe_files
from autograder.course.project import Project
from autograder.gradebook.bridge import assignments, students, submissions
from autograder.gradebook.roster import load_roster
from autograder.gradebook.scores import notebook_rows
from autograder.results.grades_file import write_grades

NBGRADER_COLUMNS = ("assignment", "duedate", "timestamp", "student_id", "last_name", "first_name",
                    "email", "raw_score", "late_submission_penalty", "score", "max_score")
COLUMNS = NBGRADER_COLUMNS + ("centre", "batch")


def grade_rows(project: Project) -> list[dict]:
    """One row per assignment and student, as `nbgrader export` makes them (0 if not submitted)."""
    roster = load_roster(project)
    handed_in = {(s.assignment, s.student_id): s for s in submissions(project)}
    people = students(project)
    rows = []
    for assignment in assignments(project):
        for student in people:
            row = {"assignment": assignment.name, "duedate": assignment.duedate,
                   "student_id": student.id, "last_name": student.last_name,
                   "first_name": student.first_name, "email": student.email,
                   "max_score": assignment.max_score, "timestamp": "", "raw_score": 0.0,
                   "late_submission_penalty": 0.0, "score": 0.0}
            submission = handed_in.get((assignment.name, student.id))
            if submission is not None:
                row.update(timestamp=submission.timestamp, raw_score=submission.score,
                           late_submission_penalty=submission.late_penalty,
                           score=submission.score - submission.late_penalty)
            known = roster.get(student.id)
            row.update(centre=known.centre if known else "", batch=known.batch if known else "")
            rows.append(row)
    return rows


def export_grades(project: Project, to: Path) -> int:
    """Write the CSV (UTF-8, opens in Excel and LibreOffice); returns the number of rows."""
    rows = grade_rows(project)
    with safe_files.replacing(to) as partial, partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def export_by_notebook(project: Project, to: Path) -> int:
    """One row per student, week and notebook (empty score = not submitted)."""
    return write_grades(to, notebook_rows(project), load_roster(project))
