"""The hand-in commands: the student's `whoami` and `submit`, the instructor's `collect`."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from autograder.cli_common import console, friendly_errors, project_of


@click.command()
@click.option("--set", "student_id", help="Remember this student id on this Pi.")
@click.option("--force", is_flag=True, help="Replace an id already set (the Pi now belongs to another student).")
@friendly_errors
def whoami(student_id: str | None, force: bool) -> None:
    """Show (or --set, once) the student id this Pi submits as.

    \b
    Example (on a student's Pi):
      autograder whoami --set KOL-014
    """
    from autograder.submit import current_student_id, set_student_id

    if student_id:
        set_student_id(student_id, force=force)
        click.echo(f"This Pi now submits as {student_id}.")
    else:
        click.echo(current_student_id() or "No student id yet: run `autograder whoami --set YOUR_ID`.")


@click.command()
@click.argument("week")
@click.option("--to", "to", required=True, type=click.Path(path_type=Path),
              help="Where to write the submission (the USB stick or LAN folder).")
@click.option("--student", help="Your student id (default: the one set with whoami).")
@click.option("--from", "source", type=click.Path(path_type=Path),
              help="Your folder for the week (default: ./WEEK or ~/pathways/WEEK).")
@friendly_errors
def submit(week: str, to: Path, student: str | None, source: Path | None) -> None:
    """Hand in WEEK: your notebooks, zipped and named with your id, written to --to.

    \b
    Example (on a student's Pi):
      autograder submit week03 --to /media/pi/USB
    """
    from autograder.submit import submit_week

    path = submit_week(week, to, student_id=student, source=source,
                       warn=lambda text: click.secho(text, fg="yellow", err=True))
    click.echo(f"Submitted: {path}")


@click.command()
@click.argument("week")
@click.option("--from", "from_dir", required=True, type=click.Path(path_type=Path),
              help="The folder with the students' files (USB stick or LAN folder).")
@click.pass_context
@friendly_errors
def collect(ctx: click.Context, week: str, from_dir: Path) -> None:
    """Bring in WEEK's submissions from a folder; keeps the newest of each notebook, loses nothing.

    A later hand-in without one of the week's notebooks keeps the one handed in before;
    files for other weeks are counted and left for their own collect. Exit status 1 when
    any file was rejected (the good ones are imported anyway).

    \b
    Example:
      autograder collect week03 --from /media/teacher/USB/week03
    """
    from autograder.collect import collect_week

    report = collect_week(project_of(ctx), week, from_dir)
    if report.rows:
        console().print(collect_table(report))
    else:
        click.echo(f"Nothing for {week} in {from_dir}.")
    click.echo(report.summary())
    if report.rejected:
        sys.exit(1)


def collect_table(report) -> Table:  # noqa: ANN001
    """File names are never cut (rows for one student differ only in the time in the name);
    on a narrow terminal the reason goes under the name instead of beside it."""
    colours = {"rejected": "red", "imported": "green", "imported (late)": "green"}
    wide = console().width >= 120
    table = Table("file", "result", *(["why"] if wide else []), show_lines=not wide)
    table.columns[0].overflow = "fold"
    table.columns[0].min_width = min(max(len(r.file) for r in report.rows), 36)
    table.columns[1].no_wrap = True
    for row in report.rows:
        result = f"[{colours.get(row.status, 'yellow')}]{row.status}[/]"
        if wide:
            table.add_row(row.file, result, row.reason)
        else:
            table.add_row(row.file + (f"\n[dim]{row.reason}[/]" if row.reason else ""), result)
    return table
