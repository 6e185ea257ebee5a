"""Feedback pages for students, one folder per student, ready to copy back to the Pis."""
from __future__ import annotations

import shutil
from pathlib import Path

from autograder.nbgrader_api import check, make_api
from autograder.project import Project
from autograder.grade import submitted_students


def write_feedback(project: Project, week_id: str, to: Path) -> list[Path]:
    """nbgrader's feedback HTML for every graded submission, copied to `to`/<student>/<week>/."""
    project.syllabus.week(week_id)
    api = make_api(project)
    written = []
    for student_id in submitted_students(project, week_id):
        if not (project.autograded / student_id / week_id).is_dir():
            continue
        check(api.generate_feedback(week_id, student_id, force=True),
              f"writing {student_id}'s feedback for {week_id}")
        source = project.feedback / student_id / week_id
        target = to / student_id / week_id
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target)
        written += sorted(target.glob("*.html"))
    return written
