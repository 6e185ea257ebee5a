"""One command at a time changes a course.

A `grade` still running while `collect` starts, or two terminals on one course, would
interleave writes to the gradebook and the submission folders. Each command that changes
the course holds course/.autograder.lock; a second one stops at once with one line saying
what holds it, since when, and which process. The lock is the operating system's (flock),
so a command that crashes or is killed never leaves a stale lock behind.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator

from autograder.course.project import Project
from autograder.errors import PathwaysError


class CourseBusy(PathwaysError, RuntimeError):
    """Another autograder command is changing this course right now."""


@contextlib.contextmanager
def course_lock(project: Project, doing: str) -> Iterator[None]:
    """Hold the course while `doing` (e.g. "grading week05"); raise CourseBusy if it is held."""
    project.course.mkdir(parents=True, exist_ok=True)
    fd = os.open(project.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CourseBusy(_busy_message(fd)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"doing": doing, "pid": os.getpid(),
                                  "since": dt.datetime.now().isoformat(timespec="seconds")}).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _busy_message(fd: int) -> str:
    try:
        holder = json.loads(os.pread(fd, 4096, 0) or b"{}")
        since = dt.datetime.fromisoformat(holder["since"]).strftime("%H:%M")
        who = f"{holder['doing']} is running since {since} (pid {holder['pid']})"
    except (ValueError, KeyError, TypeError):
        who = "another autograder command is changing this course"
    return f"{who}; wait for it to finish (or stop it), then run this command again."
