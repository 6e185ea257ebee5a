"""What every command shares: the console, one-line errors, finding the course."""
from __future__ import annotations

import functools
import sys

import click
from rich import box
from rich.console import Console
from rich.table import Table

from autograder.errors import PathwaysError
from autograder.project import Project, find_project


def console() -> Console:
    """A console sized to the terminal as it is now (tests set COLUMNS)."""
    return Console()


def friendly_errors(func):
    """Show a PathwaysError as one line (exit 1); a traceback only with --debug."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except PathwaysError as err:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            click.secho(f"Error: {err}", fg="red", err=True)
            sys.exit(1)
    return wrapper


def project_of(ctx: click.Context) -> Project:
    return find_project(ctx.find_root().params.get("project"))


def names_last_table(*headers: str) -> Table:
    """A table whose last column holds students' names, with no border after it.

    Terminals disagree about how wide Bengali and Devanagari text is (rich counts
    "অনিতা দাস" as 6 cells, most Linux terminals draw 9): any column after a name would
    drift. With the name last and no right edge, every column lines up in every terminal."""
    return Table(*headers, box=box.SIMPLE_HEAD)
