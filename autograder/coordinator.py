"""Where the coordinator's numbers come from: the gradebook, or merged grades files."""
from __future__ import annotations

from pathlib import Path

from autograder.gradebook_health import check_gradebook
from autograder.grades_file import Grades, read_grades
from autograder.nbgrader_api import gradebook
from autograder.project import Project
from autograder.roster import Student, load_roster
from autograder.scores import notebook_rows


def load_grades(project: Project, files: list[Path] | None = None) -> Grades:
    """Grades files when given (several centres merged), else this course's gradebook."""
    roster = load_roster(project)
    if files:
        return read_grades(list(files), project.syllabus, known=roster or None)
    students = dict(roster)
    if check_gradebook(project):
        with gradebook(project) as book:
            for s in book.students:
                students.setdefault(s.id, Student(s.id, s.first_name or "", s.last_name or "", s.email or ""))
    return Grades(notebook_rows(project), students)


def register_file(project: Project) -> Path:
    return project.course / "certificates" / "register.csv"
