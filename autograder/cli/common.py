"""What every command shares: the console, and finding (and holding) the course."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click
from rich.console import Console

from autograder.course.lock import course_lock
from autograder.course.project import Project, find_project


def console() -> Console:
    """A console sized to the terminal as it is now (tests set COLUMNS)."""
    return Console()


@contextlib.contextmanager
def changing_course(ctx: click.Context, doing: str) -> Iterator[Project]:
    """The course, held for this command alone while it changes files (course/lock.py)."""
    project = project_of(ctx)
    with course_lock(project, doing):
        yield project


def project_of(ctx: click.Context) -> Project:
    return find_project(ctx.find_root().params.get("project"))
