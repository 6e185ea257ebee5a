"""The `autograder` command: wiring only. Each command calls one typed function."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from autograder.cli_common import console, friendly_errors, project_of
from autograder.cli_coordinator import certificates, report

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

    with console().status(f"Releasing {week}…"):
        result = release_week(project_of(ctx), week)
    click.echo(f"Released {week}: {len(result.files)} file(s) in {result.folder}")
    click.echo(f"Copy this bundle to each student's Pi (USB stick or LAN folder): {result.bundle}")


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

    from autograder.grade import grade_week, submitted_students

    project = project_of(ctx)
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

    table = Table("id", "name", "centre", "batch", "email")
    roster = load_roster(project_of(ctx))
    for s in roster.values():
        table.add_row(s.id, s.name, s.centre, s.batch, s.email)
    console().print(table)
    click.echo(f"{len(roster)} student(s).")


@main.command()
@click.option("--set", "student_id", help="Remember this student id on this Pi.")
@friendly_errors
def whoami(student_id: str | None) -> None:
    """Show (or --set, once) the student id this Pi submits as.

    \b
    Example (on a student's Pi):
      autograder whoami --set KOL-014
    """
    from autograder.submit import current_student_id, set_student_id

    if student_id:
        set_student_id(student_id)
        click.echo(f"This Pi now submits as {student_id}.")
    else:
        click.echo(current_student_id() or "No student id yet: run `autograder whoami --set YOUR_ID`.")


@main.command()
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

    path = submit_week(week, to, student_id=student, source=source)
    click.echo(f"Submitted: {path}")


@main.command()
@click.argument("week")
@click.option("--from", "from_dir", required=True, type=click.Path(path_type=Path),
              help="The folder with the students' files (USB stick or LAN folder).")
@click.pass_context
@friendly_errors
def collect(ctx: click.Context, week: str, from_dir: Path) -> None:
    """Bring in WEEK's submissions from a folder; keeps the newest, loses nothing.

    Exit status 1 when any file was rejected (the good ones are imported anyway).

    \b
    Example:
      autograder collect week03 --from /media/teacher/USB/week03
    """
    from autograder.collect import collect_week

    report = collect_week(project_of(ctx), week, from_dir)
    table = Table("file", "student", "result", "why")
    for row in report.rows:
        colour = {"rejected": "red", "skipped (older)": "yellow"}.get(row.status, "green")
        table.add_row(row.file, row.student_id, f"[{colour}]{row.status}[/]", row.reason)
    console().print(table)
    click.echo(f"{len(report.imported)} imported, {len(report.rejected)} rejected, "
               f"{len(report.rows) - len(report.imported) - len(report.rejected)} skipped.")
    if report.rejected:
        sys.exit(1)


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
    """One row per syllabus week: source, release in sync, collected, graded, average.

    \b
    Example:
      autograder status
    """
    from autograder.status import week_status

    wide = console().width >= 110  # on an 80-column terminal the titles are left out
    headers = ["week", "notebooks", "release", "collected", "graded", "average", "to write"]
    table = Table(*headers, *(["title"] if wide else []))
    for column in table.columns:
        column.no_wrap, column.min_width = True, len(str(column.header))
    table.columns[2].min_width = len("out of date")
    with console().status("Checking every week's release against its source…"):
        rows = week_status(project_of(ctx))
    for row in rows:
        table.add_row(row.week, row.source, row.release, str(row.collected),
                      str(row.graded), row.average, row.missing, *([row.title] if wide else []))
    console().print(table)


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


main.add_command(report)
main.add_command(certificates)


if __name__ == "__main__":
    main()
