"""Where the coordinator's numbers come from: the gradebook, or merged grades files."""
from __future__ import annotations

from pathlib import Path

from autograder.course.project import Project
from autograder.gradebook.bridge import students as bridge_students
from autograder.gradebook.health import check_gradebook
from autograder.gradebook.roster import Student, load_roster
from autograder.gradebook.scores import notebook_rows
from autograder.results.grades_file import Grades, read_grades


def load_grades(project: Project, files: list[Path] | None = None) -> Grades:
    """Grades files when given (several centres merged), else this course's gradebook."""
    roster = load_roster(project)
    if files:
        return read_grades(list(files), project.syllabus, known=roster or None)
    students = dict(roster)
    if check_gradebook(project):
        for s in bridge_students(project):
            students.setdefault(s.id, Student(s.id, s.first_name, s.last_name, s.email))
    return Grades(notebook_rows(project), students)


def register_file(project: Project) -> Path:
    return project.register_file
