"""The instructor's weekly cycle: release, collect, grade, feedback, export, and the roster."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from autograder.cli.common import changing_course, console, project_of
from autograder.handins.collect import CollectReport
from autograder.handins.merge import Collected
from autograder.render.tables import names_last_table


@click.command()
@click.argument("week")
@click.pass_context
def release(ctx: click.Context, week: str) -> None:
    """Make the student notebooks for WEEK and a bundle to copy to every Pi.

    \b
    Example:
      autograder release week01
    """
    from autograder.course.reviews import week_review_warnings
    from autograder.handins.release import release_week

    with changing_course(ctx, f"releasing {week}") as project, console().status(f"Releasing {week}…"):
        result = release_week(project, week)
    click.echo(f"Released {week}: {len(result.files)} file(s) in {result.folder}")
    click.echo(f"Copy this bundle to each student's Pi (USB stick or LAN folder): {result.bundle}")
    for line in week_review_warnings(project, result.week_id):
        click.secho(f"Note: safety module {line}. See `autograder review`.", fg="yellow")


@click.command()
@click.argument("week")
@click.option("--from", "from_dir", required=True, type=click.Path(path_type=Path),
              help="The folder with the students' files (USB stick or LAN folder).")
@click.pass_context
def collect(ctx: click.Context, week: str, from_dir: Path) -> None:
    """Bring in WEEK's submissions from a folder; keeps the newest of each notebook, loses nothing.

    A later hand-in without one of the week's notebooks keeps the one handed in before;
    files for other weeks are counted and left for their own collect. Exit status 1 when
    any file was rejected (the good ones are imported anyway).

    \b
    Example:
      autograder collect week03 --from /media/teacher/USB/week03
    """
    from autograder.handins.collect import collect_week

    with changing_course(ctx, f"collecting {week}") as project:
        report = collect_week(project, week, from_dir)
    if report.rows:
        console().print(collect_table(report))
    else:
        click.echo(f"Nothing for {week} in {from_dir}.")
    click.echo(report.summary())
    if report.rejected:
        sys.exit(1)


def collect_table(report: CollectReport) -> Table:
    """File names are never cut (rows for one student differ only in the time in the name);
    on a narrow terminal the reason goes under the name instead of beside it."""
    colours = {Collected.REJECTED: "red", Collected.IMPORTED: "green", Collected.IMPORTED_LATE: "green"}
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


@click.command()
@click.argument("week")
@click.option("--jobs", type=int, default=None, help="How many submissions to grade at once (default: CPU cores + 1).")
@click.option("--no-sandbox", is_flag=True,
              help="Run students' code without bubblewrap (only if you trust every submission).")
@click.pass_context
def grade(ctx: click.Context, week: str, jobs: int | None, no_sandbox: bool) -> None:
    """Autograde every collected submission of WEEK; one bad submission never stops the rest.

    Each student's code runs in a sandbox (Linux, bubblewrap): no network, no access to the
    gradebook or classmates' work, a memory limit and a time limit per cell. A cell that
    hangs or stops Python loses only its own points. Exit status 1 when a submission could
    not be graded or a cell was stopped.

    \b
    Example:
      autograder grade week03
    """
    from rich.progress import Progress

    from autograder.grade.week import Graded, grade_week, require_released

    with changing_course(ctx, f"grading {week}") as project:
        require_released(project, week)  # a clear line before the progress bar starts
        total = len(project.submitted_students(week))
        with Progress(console=console(), transient=True) as progress:
            task = progress.add_task(f"Grading {week}", total=total)
            results = grade_week(project, week, jobs=jobs, sandbox=not no_sandbox,
                                 on_done=lambda sid, err: progress.advance(task),
                                 warn=lambda text: click.secho(f"Note: {text}.", fg="yellow", err=True))
    if no_sandbox:
        click.secho("Note: graded without a sandbox (--no-sandbox).", fg="yellow", err=True)
    table = Table("student", "score", "result", "needs a look")
    for r in results:
        colour = {Graded.GRADED: "green", Graded.PARTLY_FAILED: "yellow"}.get(r.status, "red")
        why = r.error or "; ".join(str(p) for p in r.problems)
        table.add_row(r.student_id, f"{r.score:g}/{r.max_score:g}", f"[{colour}]{r.status}[/]", why)
    console().print(table)
    counts = {s: sum(1 for r in results if r.status == s) for s in Graded}
    click.echo(", ".join(f"{n} {s}" for s, n in counts.items()) + ".")
    if counts[Graded.PARTLY_FAILED] or counts[Graded.REJECTED]:
        sys.exit(1)


@click.command()
@click.argument("week")
@click.option("--to", "to", required=True, type=click.Path(path_type=Path),
              help="Where to write the feedback (one folder per student).")
@click.pass_context
def feedback(ctx: click.Context, week: str, to: Path) -> None:
    """Write feedback pages for WEEK, one folder per student, to copy back to the Pis.

    \b
    Example:
      autograder feedback week03 --to /media/teacher/USB/feedback
    """
    from autograder.feedback.pages import write_feedback

    with changing_course(ctx, f"writing feedback for {week}") as project, \
            console().status(f"Writing feedback for {week}…"):
        pages = write_feedback(project, week, to)
    click.echo(f"Wrote {len(pages)} feedback page(s) to {to}")


@click.command()
@click.option("--to", "to", required=True, type=click.Path(path_type=Path), help="The CSV file to write.")
@click.option("--by-notebook", is_flag=True,
              help="One row per student, week and notebook (for reports and certificates).")
@click.pass_context
def export(ctx: click.Context, to: Path, by_notebook: bool) -> None:
    """Export grades as CSV: nbgrader's columns plus centre and batch.

    \b
    Example:
      autograder export --to grades-2027-03.csv
      autograder export --by-notebook --to khidirpur-2027-03.csv
    """
    from autograder.results.export import export_by_notebook, export_grades

    count = (export_by_notebook if by_notebook else export_grades)(project_of(ctx), to)
    click.echo(f"Wrote {count} row(s) to {to}")


@click.group()
def students() -> None:
    """The class roster (nbgrader's students plus centre and batch).

    \b
    Example:
      autograder students import kolkata-batch3.csv
      autograder students list
    """


@students.command("import")
@click.argument("roster", type=click.Path(path_type=Path))
@click.pass_context
def students_import(ctx: click.Context, roster: Path) -> None:
    """Add or update students from ROSTER.csv (columns id,first_name,last_name,email,centre,batch).

    \b
    Example:
      autograder students import kolkata-batch3.csv
    """
    from autograder.gradebook.roster import import_roster

    with changing_course(ctx, "importing the roster") as project:
        added, updated = import_roster(project, roster)
    click.echo(f"Roster imported from {roster}: {added} added, {updated} updated.")


@students.command("list")
@click.pass_context
def students_list(ctx: click.Context) -> None:
    """Show every student in the roster.

    \b
    Example:
      autograder students list
    """
    from autograder.gradebook.roster import load_roster

    table = names_last_table("id", "centre", "batch", "email", "name")
    roster = load_roster(project_of(ctx))
    for s in roster.values():
        table.add_row(s.id, s.centre, s.batch, s.email, s.name)
    console().print(table)
    click.echo(f"{len(roster)} student(s).")
