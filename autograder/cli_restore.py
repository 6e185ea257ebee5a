"""`autograder restore`: put the newest good gradebook copy back after damage."""
from __future__ import annotations

from pathlib import Path

import click

from autograder.cli_common import friendly_errors, project_of


@click.command()
@click.option("--from", "backup", type=click.Path(path_type=Path),
              help="The copy to restore (default: the newest good one in course/backups/).")
@click.option("--force", is_flag=True, help="Restore even though the gradebook is whole (undoes later grades).")
@click.pass_context
@friendly_errors
def restore(ctx: click.Context, backup: Path | None, force: bool) -> None:
    """Restore course/gradebook.db from the copies `grade` keeps in course/backups/.

    The file it replaces is never deleted: it is kept in course/backups/ as
    damaged-gradebook-<time>.db. Grades given after the copy was made are not in it:
    grade those weeks again.

    \b
    Example:
      autograder restore
      autograder restore --from course/backups/gradebook-20270315-101500-000000.db
    """
    from autograder.gradebook_health import backup_time, restore_gradebook

    project = project_of(ctx)
    used, kept = restore_gradebook(project, backup, force=force)
    made = backup_time(used)
    when = f" (made {made:%Y-%m-%d %H:%M})" if made else ""
    click.echo(f"Restored course/gradebook.db from {used}{when}.")
    if kept:
        click.echo(f"The file it replaced is kept as {kept}.")
    click.echo("Grades given after that copy was made are not in it: run `autograder grade WEEK` "
               "again for the weeks graded since.")
