"""The one module that talks to nbgrader.

nbgrader is driven through its own Python API (`NbGraderAPI`, `Gradebook`) inside this
process: each `nbgrader` command would pay ~3 s of start-up. The course's
`nbgrader_config.py` is loaded exactly as plain `nbgrader` loads it, with the course root
made absolute so the tool works from any folder.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from autograder.course.project import Project
from autograder.errors import NbgraderFailed
from autograder.gradebook.health import (
    BUSY,
    GradebookBusy,
    GradebookDamaged,
    check_gradebook,
    is_busy,
    restore_hint,
)

T = TypeVar("T")


def _quiet_known_warnings() -> None:
    """nbgrader 0.9 on SQLAlchemy 2 warns about its own session use on every grade; the
    warning says nothing an instructor can act on."""
    import warnings

    warnings.filterwarnings("ignore", message=".*not in session.*")


def _put_env_bin_on_path() -> None:
    """nbgrader runs `alembic` from PATH when it creates a gradebook; find ours."""
    bin_dir = os.path.dirname(sys.executable)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


# Grading workers write to one SQLite file at once. SQLite makes a writer wait for the lock
# 5 seconds by default; on a busy 2-core machine that is too short, and a submission was
# rejected with "database is locked". Waiting longer loses nothing: each write is short.
GRADEBOOK_WAIT_SECONDS = 120


def db_url(project: Project) -> str:
    """The gradebook's SQLAlchemy URL, with the lock wait every connection uses."""
    return f"sqlite:///{project.gradebook_file}?timeout={GRADEBOOK_WAIT_SECONDS}"


def course_config(project: Project, extra: Config | None = None) -> Config:
    """nbgrader_config.py of the project, with absolute course root and gradebook path."""
    loader = PyFileConfigLoader(project.config_file.name, path=str(project.root))
    config = loader.load_config()
    config.CourseDirectory.root = str(project.course)
    config.CourseDirectory.db_url = db_url(project)
    # Never look for a JupyterHub exchange folder: a centre copies files by USB or LAN.
    config.Exchange.root = str(project.exchange)
    if extra is not None:
        config.merge(extra)
    return config


def make_api(project: Project, extra: Config | None = None):
    """An NbGraderAPI bound to the project's course; quiet unless something fails."""
    from nbgrader.apps import NbGraderAPI  # imported late: it is slow to import
    from nbgrader.coursedir import CourseDirectory

    check_gradebook(project)  # nbgrader would start an empty gradebook over a damaged one
    _put_env_bin_on_path()
    _quiet_known_warnings()
    config = course_config(project, extra)
    coursedir = CourseDirectory(config=config)
    # The API probes a JupyterHub exchange folder we never use; it logs CRITICAL when the
    # folder is missing, which would alarm an instructor for nothing.
    quiet = logging.getLogger("traitlets")
    level, quiet.level = quiet.level, logging.CRITICAL + 1
    try:
        api = NbGraderAPI(coursedir=coursedir, config=config)
    finally:
        quiet.setLevel(level)
    api.log.setLevel(logging.WARNING)
    return api


def check(result: dict | None, doing: str) -> str:
    """Turn nbgrader's {"success", "log", "error"} into an exception with a clear message."""
    if result is None:
        raise NbgraderFailed(f"nbgrader did not run while {doing} (this platform is not supported).")
    if result.get("success"):
        return result.get("log", "")
    detail = _last_meaningful_line((result.get("log") or "") + "\n" + (result.get("error") or ""))
    raise NbgraderFailed(f"nbgrader failed while {doing}: {detail}")


_EXCEPTION_LINE = re.compile(r"^\w+(\.\w+)*(Error|Exception|Exit): ")
_GENERIC = ("NbGraderException", "Please see the the above traceback")


def _last_meaningful_line(text: str) -> str:
    """The most telling line of nbgrader's log: the last real exception, else the last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    causes = [line for line in lines if _EXCEPTION_LINE.match(line)
              and not any(g in line for g in _GENERIC)]
    if causes:
        return causes[-1][:300]
    errors = [line for line in lines if line.startswith("[ERROR]") and not any(g in line for g in _GENERIC)]
    return (errors or lines or ["no details were logged"])[-1][:300]


@contextlib.contextmanager
def gradebook(project: Project) -> Iterator:
    """The course's SQLite gradebook, closed afterwards; a damaged one is one clear line
    (gradebook_health), never a database traceback or a silently new, empty gradebook."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import DatabaseError

    check_gradebook(project)
    _put_env_bin_on_path()
    try:
        book = Gradebook(db_url(project), course_id="pathways")
    except DatabaseError as err:
        raise _database_error(project, err, "cannot be opened") from None
    try:
        yield book
    except DatabaseError as err:
        raise _database_error(project, err, "failed while being read") from None
    finally:
        book.close()


def find_or_none(find: Callable[..., T], *args: str) -> T | None:
    """nbgrader's `book.find_…(…)`, or None when the gradebook has no such entry.

    Only "not found" is caught: a damaged or busy gradebook still stops the command."""
    from nbgrader.api import MissingEntry

    try:
        return find(*args)
    except MissingEntry:
        return None


def nbgrader_version() -> str:
    import nbgrader

    return nbgrader.__version__


def _database_error(project: Project, err: Exception, doing: str) -> Exception:
    """One line for a database error: busy (wait and retry) is not damaged (restore)."""
    detail = str(getattr(err, "orig", err))[:80]
    if is_busy(err):
        return GradebookBusy(BUSY)
    return GradebookDamaged(f"course/gradebook.db {doing} ({detail}); {restore_hint(project)}.")




# -- typed reads and writes: the only places that walk nbgrader's gradebook objects -------------

@dataclass(frozen=True)
class StudentRecord:
    id: str
    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class SubmissionRecord:
    """One student's graded week, as `nbgrader export` reports it."""

    assignment: str
    student_id: str
    timestamp: str
    score: float
    late_penalty: float


@dataclass(frozen=True)
class AssignmentRecord:
    name: str
    duedate: str
    max_score: float


@dataclass(frozen=True)
class CellGrade:
    """One graded cell of one student's notebook."""

    assignment: str
    notebook: str
    grade_id: str
    student_id: str
    score: float
    max_score: float


def students(project: Project) -> list[StudentRecord]:
    with gradebook(project) as book:
        return [StudentRecord(s.id, s.first_name or "", s.last_name or "", s.email or "") for s in book.students]


def assignments(project: Project) -> list[AssignmentRecord]:
    with gradebook(project) as book:
        return [AssignmentRecord(a.name, str(a.duedate or ""), float(a.max_score)) for a in book.assignments]


def submissions(project: Project) -> list[SubmissionRecord]:
    with gradebook(project) as book:
        return [SubmissionRecord(a.name, s.student.id, str(s.timestamp or ""), float(s.score),
                                 float(s.late_submission_penalty or 0.0))
                for a in book.assignments for s in a.submissions]


def cell_grades(project: Project, week_id: str | None = None, student_id: str | None = None,
                notebook: str | None = None) -> list[CellGrade]:
    """Every graded cell, or those of one week, student and notebook (none when not graded)."""
    out = []
    with gradebook(project) as book:
        weeks = [a for a in book.assignments if week_id in (None, a.name)]
        for assignment in weeks:
            for submission in assignment.submissions:
                if student_id not in (None, submission.student.id):
                    continue
                for nb in submission.notebooks:
                    if notebook in (None, nb.name):
                        out += [CellGrade(assignment.name, nb.name, g.name, submission.student.id,
                                          float(g.score or 0.0), float(g.max_score or 0.0)) for g in nb.grades]
    return out


def save_students(project: Project, people: list[StudentRecord]) -> None:
    """Add or update students (nbgrader grades only students it knows)."""
    with gradebook(project) as book:
        for s in people:
            book.update_or_create_student(s.id, first_name=s.first_name, last_name=s.last_name,
                                          email=s.email or None)


def save_assignment(project: Project, week_id: str, due: dt.datetime) -> None:
    with gradebook(project) as book:
        book.update_or_create_assignment(week_id, duedate=due)
