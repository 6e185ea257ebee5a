"""The one module that talks to nbgrader.

nbgrader is driven through its own Python API (`NbGraderAPI`, `Gradebook`) inside this
process: each `nbgrader` command would pay ~3 s of start-up. The course's
`nbgrader_config.py` is loaded exactly as plain `nbgrader` loads it, with the course root
made absolute so the tool works from any folder.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from autograder.errors import NbgraderFailed
from autograder.gradebook_health import GradebookBusy, GradebookDamaged, check_gradebook, is_busy, restore_hint
from autograder.project import Project


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


def course_config(project: Project, extra: Config | None = None) -> Config:
    """nbgrader_config.py of the project, with absolute course root and gradebook path."""
    loader = PyFileConfigLoader(project.config_file.name, path=str(project.root))
    config = loader.load_config()
    config.CourseDirectory.root = str(project.course)
    config.CourseDirectory.db_url = f"sqlite:///{project.gradebook_file}"
    # Never look for a JupyterHub exchange folder: a centre copies files by USB or LAN.
    config.Exchange.root = str(project.course / ".exchange")
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
        book = Gradebook(f"sqlite:///{project.gradebook_file}", course_id="pathways")
    except DatabaseError as err:
        raise _database_error(project, err, "cannot be opened") from None
    try:
        yield book
    except DatabaseError as err:
        raise _database_error(project, err, "failed while being read") from None
    finally:
        book.close()


def _database_error(project: Project, err: Exception, doing: str) -> Exception:
    """One line for a database error: busy (wait and retry) is not damaged (restore)."""
    detail = str(getattr(err, "orig", err))[:80]
    if is_busy(err):
        return GradebookBusy("course/gradebook.db is busy: another autograder command (grading?) is "
                             "writing to it; wait for it to finish and try again.")
    return GradebookDamaged(f"course/gradebook.db {doing} ({detail}); {restore_hint(project)}.")


