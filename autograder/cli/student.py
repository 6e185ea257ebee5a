"""The student's commands on a Pi: who am I, and hand in a week."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--set", "student_id", help="Remember this student id on this Pi.")
@click.option("--force", is_flag=True, help="Replace an id already set (the Pi now belongs to another student).")
def whoami(student_id: str | None, force: bool) -> None:
    """Show (or --set, once) the student id this Pi submits as.

    \b
    Example (on a student's Pi):
      autograder whoami --set KOL-014
    """
    from autograder.handins.submit import current_student_id, set_student_id

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
def submit(week: str, to: Path, student: str | None, source: Path | None) -> None:
    """Hand in WEEK: your notebooks, zipped and named with your id, written to --to.

    \b
    Example (on a student's Pi):
      autograder submit week03 --to /media/pi/USB
    """
    from autograder.handins.submit import submit_week

    path = submit_week(week, to, student_id=student, source=source,
                       warn=lambda text: click.secho(text, fg="yellow", err=True))
    click.echo(f"Submitted: {path}")
