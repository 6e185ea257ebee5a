"""Is the gradebook whole? And putting back the newest good copy when it is not.

A gradebook can be emptied (a full disk, a copy cut off), overwritten by a student's cell
when grading without the sandbox, or deleted. nbgrader would quietly start a new, empty
one; every command here first checks the file and, when it is not whole, stops with one
line naming the newest good copy in course/backups/ and the command that restores it.
`grade` copies the gradebook there before every run (grade.backup_gradebook).
"""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from autograder import safe_files
from autograder.course.project import Project
from autograder.errors import PathwaysError

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_PATTERN = "gradebook-*.db"          # written by grade.backup_gradebook
BACKUP_TIME = "gradebook-%Y%m%d-%H%M%S-%f.db"
NBGRADER_TABLES = {"assignment", "student", "notebook"}

_checked: dict[Path, tuple[int, int]] = {}  # file -> (mtime_ns, size) last found whole


class GradebookDamaged(PathwaysError, RuntimeError):
    """course/gradebook.db is empty, not a database, damaged, or gone while backups exist."""


class GradebookBusy(PathwaysError, RuntimeError):
    """Another process holds the gradebook's write lock for longer than we wait."""


def backups_folder(project: Project) -> Path:
    return project.backups


def file_problem(path: Path) -> str | None:
    """What is wrong with an existing gradebook file, in a few words; None when it is whole."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as err:
        return f"cannot be read ({err.strerror})"
    if not head:
        return "is empty (0 bytes)"
    if head != SQLITE_HEADER:
        return "is not a database any more (something wrote over it)"
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as err:
        return f"cannot be opened ({err})"
    try:
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as err:
        if is_busy(err):
            return None  # another command is writing: busy is not damaged
        return f"is damaged ({err})"
    finally:
        db.close()
    if verdict != "ok":
        return f"is damaged ({verdict.splitlines()[0][:80]})"
    if not NBGRADER_TABLES <= tables:
        return "holds no grades tables (it was emptied)"
    return None


BUSY = ("course/gradebook.db is busy: another autograder command (grading?) is writing to it; "
        "wait for it to finish and try again.")


def is_busy(err: BaseException) -> bool:
    """SQLite's "database is locked": another process is writing, nothing is broken."""
    return "locked" in str(err) or "busy" in str(err)


def healthy_backups(project: Project) -> list[Path]:
    """Backups that are whole, newest first."""
    found = sorted(backups_folder(project).glob(BACKUP_PATTERN), reverse=True)
    return [p for p in found if file_problem(p) is None]


def _relative(project: Project, path: Path) -> str:
    try:
        return str(path.relative_to(project.root))
    except ValueError:
        return str(path)


def restore_hint(project: Project) -> str:
    """How to get the grades back, in one sentence."""
    backups = healthy_backups(project)
    if not backups:
        return ("there is no good copy in course/backups/ to restore; move the file aside and grade "
                "again: import the roster, then `autograder release` and `autograder grade` each week")
    return (f"restore the newest good copy ({_relative(project, backups[0])}) with `autograder restore`; "
            "the damaged file is kept beside the backups")


def check_gradebook(project: Project) -> bool:
    """Raise GradebookDamaged when the gradebook is not whole; return whether it exists.

    A missing gradebook is a new course, unless course/backups/ holds copies: then it
    was lost, and starting an empty one would hide every grade."""
    path = project.gradebook_file
    rel = _relative(project, path)
    if not path.exists():
        if healthy_backups(project):
            raise GradebookDamaged(f"{rel} is missing, but course/backups/ holds copies of it; "
                                   f"{restore_hint(project)}.")
        return False
    stat = path.stat()
    if _checked.get(path) == (stat.st_mtime_ns, stat.st_size):
        return True
    problem = file_problem(path)
    if problem:
        raise GradebookDamaged(f"{rel} {problem}; {restore_hint(project)}.")
    _checked[path] = (stat.st_mtime_ns, stat.st_size)
    return True


def backup_time(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(path.name, BACKUP_TIME)
    except ValueError:
        return None


def restore_gradebook(project: Project, backup: Path | None = None, *, force: bool = False) -> tuple[Path, Path | None]:
    """Put a backup in place of the gradebook; return (the backup used, where the old file went).

    The file being replaced is never deleted: it moves to course/backups/ as
    damaged-gradebook-<time>.db (or replaced-… when it was whole and `force` was given)."""
    path = project.gradebook_file
    current = file_problem(path) if path.exists() else "is missing"
    if current is None and not force:
        raise GradebookDamaged(f"{_relative(project, path)} is whole; restoring a backup would undo every "
                               "grade since that copy. To restore anyway, add --force (the current file "
                               "is kept in course/backups/).")
    if backup is None:
        good = healthy_backups(project)
        if not good:
            raise GradebookDamaged(f"course/backups/ holds no good copy of the gradebook; {restore_hint(project)}.")
        backup = good[0]
    elif not backup.is_file() or file_problem(backup):
        why = "does not exist" if not backup.is_file() else file_problem(backup)
        raise GradebookDamaged(f"{backup} {why}; choose another copy in course/backups/ "
                               "(`ls course/backups`), or leave out --from to use the newest good one.")
    kept = None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    if path.exists():
        kept = backups_folder(project) / f"{'replaced' if current is None else 'damaged'}-gradebook-{stamp}.db"
        kept.parent.mkdir(parents=True, exist_ok=True)
        path.rename(kept)
    with safe_files.replacing(path) as partial:
        shutil.copy2(backup, partial)
    _checked.pop(path, None)
    return backup, kept
