"""The `autograder` command: wiring only. Each command calls one typed function."""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from autograder.errors import PathwaysError
from autograder.project import Project, find_project

console = Console()


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), envvar="PATHWAYS_PROJECT",
              help="The course folder (default: the current folder or the one above it).")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def main(project: Path | None, debug: bool) -> None:
    """Pathways: release, collect, grade and report on the course's weekly notebooks.

    \b
    Example (an instructor's week):
      autograder release week03
      autograder collect week03 --from /media/usb/submissions
      autograder grade week03
      autograder feedback week03 --to /media/usb/feedback
    """


@main.command()
@click.argument("week")
@click.pass_context
@friendly_errors
def release(ctx: click.Context, week: str) -> None:
    """Make the student notebooks for WEEK and a bundle to copy to every Pi.

    \b
    Example:
      autograder release week01
    """
    from autograder.release import release_week

    result = release_week(project_of(ctx), week)
    click.echo(f"Released {week}: {len(result.files)} file(s) in {result.folder}")
    click.echo(f"Copy this bundle to each student's Pi (USB stick or LAN folder): {result.bundle}")


@main.command()
@click.argument("weeks", nargs=-1)
@click.option("--jobs", type=int, default=None, help="How many notebooks to grade at once.")
@click.pass_context
@friendly_errors
def validate(ctx: click.Context, weeks: tuple[str, ...], jobs: int | None) -> None:
    """Check that WEEKS (default: all written weeks) are honest notebooks.

    Solutions earn full marks, the untouched release earns zero, known wrong answers
    earn less, the release matches the source, grade ids and points follow the rules.

    \b
    Example:
      autograder validate week02 week03
    """
    import tempfile

    from autograder.validate import check_weeks, static_problems, wrong_answers_for

    project = project_of(ctx)
    weeks = list(weeks) or [w.id for w in project.syllabus.weeks if project.source_notebooks(w.id)]
    problems = [p for w in weeks for p in static_problems(project, w)]
    with tempfile.TemporaryDirectory(prefix="pathways-validate-") as tmp:
        reports = check_weeks(project, weeks, Path(tmp) / "course", wrong_answers_for(project, weeks), jobs=jobs)
    table = Table("week", "notebook", "solutions", "untouched", "wrong answers")
    for week, report in reports.items():
        problems += report.problems
        for nb, (score, total) in sorted(report.solution_scores.items()):
            untouched = report.untouched_scores.get(nb, (0, 0))[0]
            wrong = ", ".join(f"{s:g}" for m, (s, t) in report.wrong_scores.items())
            table.add_row(week, nb, f"{score:g}/{total:g}", f"{untouched:g}", wrong)
    console.print(table)
    for problem in problems:
        click.secho(f"✗ {problem}", fg="red")
    if problems:
        sys.exit(1)
    click.secho(f"All checks passed for {', '.join(weeks)}.", fg="green")


@main.command()
@click.pass_context
@friendly_errors
def status(ctx: click.Context) -> None:
    """One row per syllabus week: source, release in sync, collected, graded, average.

    \b
    Example:
      autograder status
    """
    from autograder.status import week_status

    table = Table("week", "title", "source", "release", "collected", "graded", "average")
    for row in week_status(project_of(ctx)):
        table.add_row(row.week, row.title, row.source, row.release, str(row.collected),
                      str(row.graded), row.average)
    console.print(table)


if __name__ == "__main__":
    main()
