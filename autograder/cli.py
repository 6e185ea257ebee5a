"""The `autograder` command: wiring only. Each command calls one typed function."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from autograder.cli_common import console, friendly_errors, names_last_table, project_of
from autograder.cli_coordinator import certificates, report
from autograder.cli_handins import collect, submit, whoami
from autograder.cli_restore import restore
from autograder.cli_review import review

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

    from autograder.reviews import week_review_warnings

    project = project_of(ctx)
    with console().status(f"Releasing {week}…"):
        result = release_week(project, week)
    click.echo(f"Released {week}: {len(result.files)} file(s) in {result.folder}")
    click.echo(f"Copy this bundle to each student's Pi (USB stick or LAN folder): {result.bundle}")
    for line in week_review_warnings(project, result.week_id):
        click.secho(f"Note: safety module {line}. See `autograder review`.", fg="yellow")


@main.command()
@click.argument("week")
@click.option("--jobs", type=int, default=None, help="How many submissions to grade at once (default: CPU cores + 1).")
@click.option("--no-sandbox", is_flag=True,
              help="Run students' code without bubblewrap (only if you trust every submission).")
@click.pass_context
@friendly_errors
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

    from autograder.grade import grade_week, require_released, submitted_students

    project = project_of(ctx)
    require_released(project, week)  # a clear line before the progress bar starts
    total = len(submitted_students(project, week))
    with Progress(console=console(), transient=True) as progress:
        task = progress.add_task(f"Grading {week}", total=total)
        results = grade_week(project, week, jobs=jobs, sandbox=not no_sandbox,
                             on_done=lambda sid, err: progress.advance(task),
                             warn=lambda text: click.secho(f"Note: {text}.", fg="yellow", err=True))
    if no_sandbox:
        click.secho("Note: graded without a sandbox (--no-sandbox).", fg="yellow", err=True)
    table = Table("student", "score", "result", "needs a look")
    for r in results:
        colour = {"graded": "green", "partly failed": "yellow"}.get(r.status, "red")
        why = r.error or "; ".join(str(p) for p in r.problems)
        table.add_row(r.student_id, f"{r.score:g}/{r.max_score:g}", f"[{colour}]{r.status}[/]", why)
    console().print(table)
    counts = {s: sum(1 for r in results if r.status == s) for s in ("graded", "partly failed", "rejected")}
    click.echo(", ".join(f"{n} {s}" for s, n in counts.items()) + ".")
    if counts["partly failed"] or counts["rejected"]:
        sys.exit(1)


@main.group()
def students() -> None:
    """The class roster (nbgrader's students plus centre and batch)."""


@students.command("import")
@click.argument("roster", type=click.Path(path_type=Path))
@click.pass_context
@friendly_errors
def students_import(ctx: click.Context, roster: Path) -> None:
    """Add or update students from ROSTER.csv (columns id,first_name,last_name,email,centre,batch).

    \b
    Example:
      autograder students import kolkata-batch3.csv
    """
    from autograder.roster import import_roster

    added, updated = import_roster(project_of(ctx), roster)
    click.echo(f"Roster imported from {roster}: {added} added, {updated} updated.")


@students.command("list")
@click.pass_context
@friendly_errors
def students_list(ctx: click.Context) -> None:
    """Show every student in the roster.

    \b
    Example:
      autograder students list
    """
    from autograder.roster import load_roster

    table = names_last_table("id", "centre", "batch", "email", "name")
    roster = load_roster(project_of(ctx))
    for s in roster.values():
        table.add_row(s.id, s.centre, s.batch, s.email, s.name)
    console().print(table)
    click.echo(f"{len(roster)} student(s).")


@main.command()
@click.argument("week")
@click.option("--to", "to", required=True, type=click.Path(path_type=Path),
              help="Where to write the feedback (one folder per student).")
@click.pass_context
@friendly_errors
def feedback(ctx: click.Context, week: str, to: Path) -> None:
    """Write feedback pages for WEEK, one folder per student, to copy back to the Pis.

    \b
    Example:
      autograder feedback week03 --to /media/teacher/USB/feedback
    """
    from autograder.feedback import write_feedback

    with console().status(f"Writing feedback for {week}…"):
        pages = write_feedback(project_of(ctx), week, to)
    click.echo(f"Wrote {len(pages)} feedback page(s) to {to}")


@main.command()
@click.option("--to", "to", required=True, type=click.Path(path_type=Path), help="The CSV file to write.")
@click.option("--by-notebook", is_flag=True,
              help="One row per student, week and notebook (for reports and certificates).")
@click.pass_context
@friendly_errors
def export(ctx: click.Context, to: Path, by_notebook: bool) -> None:
    """Export grades as CSV: nbgrader's columns plus centre and batch.

    \b
    Example:
      autograder export --to grades-2027-03.csv
      autograder export --by-notebook --to khidirpur-2027-03.csv
    """
    from autograder.export import export_by_notebook, export_grades

    count = (export_by_notebook if by_notebook else export_grades)(project_of(ctx), to)
    click.echo(f"Wrote {count} row(s) to {to}")


@main.command()
@click.option("--to", "to", type=click.Path(path_type=Path), default=Path("pathways-demo"),
              show_default=True, help="Folder for the demo course (made fresh each run).")
@click.option("--jobs", type=int, default=None, help="How many submissions to grade at once.")
@friendly_errors
def demo(to: Path, jobs: int | None) -> None:
    """Run a whole week on a demo class of 30: release, submit, collect, grade, feedback, export.

    \b
    Example:
      autograder demo
    """
    from autograder.demo import run_demo

    run_demo(to, jobs=jobs, console=console())


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

    from autograder.validate import check_weeks, missing_modules, static_problems, wrong_answers_for

    project = project_of(ctx)
    weeks = list(weeks) or [w.id for w in project.syllabus.weeks if project.source_notebooks(w.id)]
    for week in weeks:
        project.syllabus.week(week)  # a mistyped id is one line (with the likely id), before any grading
    problems = [p for w in weeks for p in static_problems(project, w)]
    written = [w for w in weeks if project.source_notebooks(w)]  # an empty week is a static problem
    with tempfile.TemporaryDirectory(prefix="pathways-validate-") as tmp, \
            console().status(f"Grading the solutions, the untouched release and the wrong answers of {len(written)} week(s)…"):
        reports = check_weeks(project, written, Path(tmp) / "course", wrong_answers_for(project, written), jobs=jobs)
    table = Table("week", "notebook", "solutions", "untouched", "wrong answers")
    for week, report in reports.items():
        problems += report.problems
        for nb, (score, total) in sorted(report.solution_scores.items()):
            untouched = report.untouched_scores.get(nb, (0, 0))[0]
            wrong = ", ".join(f"{s:g}" for (where, _m), (s, _t) in report.wrong_scores.items() if where == nb)
            table.add_row(week, nb, f"{score:g}/{total:g}", f"{untouched:g}", wrong)
    console().print(table)
    for week in weeks:
        for name in missing_modules(project, week):
            click.secho(f"! {week}: the syllabus places {name} here; it is not written yet", fg="yellow")
    for problem in problems:
        click.secho(f"✗ {problem}", fg="red")
    if problems:
        sys.exit(1)
    click.secho(f"All checks passed for {', '.join(weeks)}.", fg="green")


@main.command()
@click.pass_context
@friendly_errors
def status(ctx: click.Context) -> None:
    """One row per syllabus week: notebooks written, release folder against the source,
    handed out to students (the bundle's date), collected, graded, average.

    \b
    Example:
      autograder status
    """
    from autograder.status import week_status

    width = console().width  # at 80 columns the "to write" column and the titles are left out
    extra = (["to write"] if width >= 100 else []) + (["title"] if width >= 130 else [])
    table = Table("week", "notebooks", "release", "handed out", "collected", "graded", "average", *extra)
    for column in table.columns:
        column.no_wrap, column.min_width = True, len(str(column.header))
    table.columns[2].min_width = len("out of date")
    with console().status("Checking every week's release against its source…"):
        rows = week_status(project_of(ctx))
    for row in rows:
        wanted = {"to write": row.missing, "title": row.title}
        table.add_row(row.week, row.source, row.release, row.handed_out, str(row.collected),
                      str(row.graded), row.average, *(wanted[name] for name in extra))
    console().print(table)
    import textwrap

    from autograder.reviews import review_states

    def say(text: str, **style: str) -> None:  # wrapped to the terminal, like the table
        click.secho(textwrap.fill(text, width=max(40, width)), **style)

    for row in rows:
        if row.hand_grading:
            say(f"{row.week}: {row.hand_grading} capstone hand-in(s) wait for hand grading "
                "(formgrader: `jupyter lab`, then the Nbgrader menu).")
    unreviewed = [s.item for s in review_states(project_of(ctx)) if not s.ready]
    if unreviewed:
        say(f"Needs local review before use: {', '.join(unreviewed)} (see `autograder review`).",
            fg="yellow")


@main.command()
@click.option("--to", "to", type=click.Path(path_type=Path), default=None,
              help="Where to write it (default: docs/GLOSSARY.md in the project).")
@click.pass_context
@friendly_errors
def glossary(ctx: click.Context, to: Path | None) -> None:
    """Gather every week's words (English, Bengali, Hindi) into one printable glossary.

    \b
    Example:
      autograder glossary
      autograder glossary --to /media/usb/glossary.md
    """
    from autograder.glossary import write_glossary

    project = project_of(ctx)
    to = to or project.root / "docs" / "GLOSSARY.md"
    count = write_glossary(project, to)
    click.echo(f"Glossary: {count} words in {to}")


main.add_command(whoami)
main.add_command(submit)
main.add_command(collect)
main.add_command(report)
main.add_command(certificates)
main.add_command(restore)
main.add_command(review)


if __name__ == "__main__":
    main()
