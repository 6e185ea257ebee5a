"""One error boundary for every command: what went wrong, in one line that says the fix.

The tool's own errors already read that way. A full or read-only USB stick, a busy or
damaged gradebook and a broken content file come from Python, SQLite or a content loader;
they are turned into the same kind of line here, once, for every command. `--debug` shows
the traceback instead. Anything else is a bug: its traceback is shown as it is.
"""
from __future__ import annotations

import errno
import sqlite3
import sys

import click

from autograder.errors import PathwaysError
from autograder.gradebook.health import BUSY, is_busy
from safety_modules.content import ContentError

GRADEBOOK = "course/gradebook.db"
OS_FIXES = {
    errno.ENOSPC: "the disk or USB stick is full: free some space or use another stick, then run the command again",
    errno.EDQUOT: "the disk or USB stick is full: free some space or use another stick, then run the command again",
    errno.EROFS: "the disk or USB stick is read-only: slide its lock switch off or choose another folder",
    errno.EACCES: "permission denied: choose a folder you may write to, or ask the centre's admin",
    errno.EPERM: "permission denied: choose a folder you may write to, or ask the centre's admin",
    errno.ENOENT: "it does not exist: check the path (is the USB stick plugged in?)",
    errno.EIO: "the disk or USB stick failed to read or write: try another stick",
}


class FriendlyGroup(click.Group):
    """A click group whose commands end with one red line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:  # noqa: BLE001 (mapped below; anything unknown is re-raised)
            line = one_line(error)
            if line is None or ctx.find_root().params.get("debug"):
                raise
            click.secho(f"Error: {line}", fg="red", err=True)
            ctx.exit(1)


def one_line(error: BaseException) -> str | None:
    """The error as one line naming the file and the fix; None for a bug (keep its traceback)."""
    if isinstance(error, (PathwaysError, ContentError)):
        return str(error)
    if _is_database_error(error):
        return database_line(error)
    if isinstance(error, OSError):
        return os_error_line(error)
    return None


def os_error_line(error: OSError) -> str:
    fix = OS_FIXES.get(error.errno or 0, error.strerror or str(error))
    where = error.filename or error.filename2
    return f"{where}: {fix}." if where else f"{fix} ({error})."


def database_line(error: BaseException) -> str:
    detail = str(getattr(error, "orig", None) or error).splitlines()[0][:80]
    if is_busy(error):
        return BUSY
    return (f"{GRADEBOOK} could not be read ({detail}); `autograder restore` puts back the newest "
            "good copy from course/backups/.")


def _is_database_error(error: BaseException) -> bool:
    if isinstance(error, sqlite3.Error):
        return True
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")  # only loaded when the gradebook was opened
    return sqlalchemy_exc is not None and isinstance(error, sqlalchemy_exc.SQLAlchemyError)
