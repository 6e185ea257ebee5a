"""Keeping the course whole: status, validation, the glossary, reviews, restoring the gradebook, the demo."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from autograder.cli.common import changing_course, console, project_of


@click.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """One row per syllabus week: notebooks written, release folder against the source,
    handed out to students (the bundle's date), collected, graded, average.

    \b
    Example:
      autograder status
    """
    from autograder.results.status import week_status

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

    from autograder.course.reviews import review_states

    def say(text: str, fg: str | None = None, bold: bool = False) -> None:  # wrapped, like the table
        click.secho(textwrap.fill(text, width=max(40, width)), fg=fg, bold=bold)

    for row in rows:
        if row.hand_grading:
            say(f"{row.week}: {row.hand_grading} capstone hand-in(s) wait for hand grading "
                "(formgrader: `jupyter lab`, then the Nbgrader menu).")
    unreviewed = [s.item for s in review_states(project_of(ctx)) if not s.ready]
    if unreviewed:
        say(f"Needs local review before use: {', '.join(unreviewed)} (see `autograder review`).",
            fg="yellow")


@click.command()
@click.argument("weeks", nargs=-1)
@click.option("--jobs", type=int, default=None, help="How many notebooks to grade at once.")
@click.pass_context
def validate(ctx: click.Context, weeks: tuple[str, ...], jobs: int | None) -> None:
    """Check that WEEKS (default: all written weeks) are honest notebooks.

    Solutions earn full marks, the untouched release earns zero, known wrong answers
    earn less, the release matches the source, grade ids and points follow the rules.

    \b
    Example:
      autograder validate week02 week03
    """
    import tempfile

    from autograder.validate.checks import (
        check_weeks,
        static_problems,
        wrong_answers_for,
    )

    project = project_of(ctx)
    week_ids = list(weeks) or [w.id for w in project.syllabus.weeks if project.source_notebooks(w.id)]
    for week in week_ids:
        project.syllabus.week(week)  # a mistyped id is one line (with the likely id), before any grading
    problems = [p for w in week_ids for p in static_problems(project, w)]
    written = [w for w in week_ids if project.source_notebooks(w)]  # an empty week is a static problem
    with tempfile.TemporaryDirectory(prefix="pathways-validate-") as tmp, \
            console().status("Grading the solutions, the untouched release and the wrong answers "
                             f"of {len(written)} week(s)…"):
        reports = check_weeks(project, written, Path(tmp) / "course", wrong_answers_for(project, written), jobs=jobs)
    table = Table("week", "notebook", "solutions", "untouched", "wrong answers")
    for week, report in reports.items():
        problems += report.problems
        for nb, (score, total) in sorted(report.solution_scores.items()):
            untouched = report.untouched_scores.get(nb, (0, 0))[0]
            wrong = ", ".join(f"{s:g}" for (where, _m), (s, _t) in report.wrong_scores.items() if where == nb)
            table.add_row(week, nb, f"{score:g}/{total:g}", f"{untouched:g}", wrong)
    console().print(table)
    for week in week_ids:
        for name in project.missing_notebooks(week):
            click.secho(f"! {week}: the syllabus places {name} here; it is not written yet", fg="yellow")
    for problem in problems:
        click.secho(f"✗ {problem}", fg="red")
    if problems:
        sys.exit(1)
    click.secho(f"All checks passed for {', '.join(week_ids)}.", fg="green")


@click.command()
@click.option("--to", "to", type=click.Path(path_type=Path), default=None,
              help="Where to write it (default: docs/GLOSSARY.md in the project; with --cards, a folder).")
@click.option("--cards", is_flag=True, help="Print the words as cut-out cards (PDF, through Chromium).")
@click.pass_context
def glossary(ctx: click.Context, to: Path | None, cards: bool) -> None:
    """Gather every week's words (English, Bengali, Hindi) into one printable glossary.

    \b
    Example:
      autograder glossary
      autograder glossary --to /media/usb/glossary.md
      autograder glossary --cards --to /media/usb/print
    """
    from autograder.course.glossary import write_glossary, write_word_cards

    project = project_of(ctx)
    if cards:
        if to is None:
            raise click.UsageError("--cards needs --to FOLDER, e.g. --cards --to /media/usb/print")
        page, pdf, count = write_word_cards(project, to)
        click.echo(f"Word cards: {count} cards in {pdf} (and {page.name} beside it)")
        return
    to = to or project.glossary_file
    count = write_glossary(project, to)
    click.echo(f"Glossary: {count} words in {to}")


@click.command("help-card")
@click.option("--to", "to", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder for referral-sheet.pdf (and its HTML).")
@click.pass_context
def help_card(ctx: click.Context, to: Path) -> None:
    """Print the referral sheet: the centre's own contacts, then the help card of S4.

    The centre's contacts come from safety_modules/data/centre_contacts.toml (checked like
    the help directory); the helplines from safety_modules/data/help_directory.toml.

    \b
    Example:
      autograder help-card --to /media/usb/print
    """
    from autograder.course.referral_sheet import write_referral_sheet

    page, pdf = write_referral_sheet(project_of(ctx), to)
    click.echo(f"Referral sheet: {pdf} (and {page.name} beside it)")


@click.group(invoke_without_command=True)
@click.pass_context
def review(ctx: click.Context) -> None:
    """List the safety modules, the glossary and the parents' letter, and whether a local
    partner has reviewed them as they are now.

    A sign-off covers the files exactly as the reviewer read them; after any change the
    item needs review again. `status` and `release` warn about a week whose safety module
    is not signed off.

    \b
    Example:
      autograder review
      autograder review sign S2 --by "Rumana Begum" --org "Khidirpur partner collective"
    """
    if ctx.invoked_subcommand is not None:
        return
    from autograder.course.reviews import review_states

    table = Table("item", "state", "by", "date")
    colours = {"signed off": "green", "changed since review": "yellow"}
    for state in review_states(project_of(ctx)):
        s = state.sign_off
        table.add_row(state.item, f"[{colours.get(state.state, 'red')}]{state.state}[/]",
                      f"{s.reviewed_by} ({s.organisation})" if s else "", s.date if s else "")
    console().print(table)


@review.command("sign")
@click.argument("item")
@click.option("--by", "reviewed_by", required=True, help="The reviewer's name.")
@click.option("--org", "organisation", required=True, help="The reviewer's organisation.")
@click.pass_context
def review_sign(ctx: click.Context, item: str, reviewed_by: str, organisation: str) -> None:
    """Record that ITEM (S1…S8, glossary, parents_letter) was reviewed as it is now.

    \b
    Example:
      autograder review sign S2 --by "Rumana Begum" --org "Khidirpur partner collective"
    """
    from autograder.course.reviews import sign

    project = project_of(ctx)
    done = sign(project, item, reviewed_by=reviewed_by, organisation=organisation)
    click.echo(f"Signed off {done.item} for {done.organisation} on {done.date}; "
               f"recorded in {project.reviews_file.relative_to(project.root)} (commit it so every machine sees it).")


@click.command()
@click.option("--from", "backup", type=click.Path(path_type=Path),
              help="The copy to restore (default: the newest good one in course/backups/).")
@click.option("--force", is_flag=True, help="Restore even though the gradebook is whole (undoes later grades).")
@click.pass_context
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
    from autograder.gradebook.health import backup_time, restore_gradebook

    with changing_course(ctx, "restoring the gradebook") as project:
        used, kept = restore_gradebook(project, backup, force=force)
    made = backup_time(used)
    when = f" (made {made:%Y-%m-%d %H:%M})" if made else ""
    click.echo(f"Restored course/gradebook.db from {used}{when}.")
    if kept:
        click.echo(f"The file it replaced is kept as {kept}.")
    click.echo("Grades given after that copy was made are not in it: run `autograder grade WEEK` "
               "again for the weeks graded since.")


@click.command()
@click.option("--to", "to", type=click.Path(path_type=Path), default=Path("pathways-demo"),
              show_default=True, help="Folder for the demo course (made fresh each run).")
@click.option("--jobs", type=int, default=None, help="How many submissions to grade at once.")
def demo(to: Path, jobs: int | None) -> None:
    """Run a whole week on a demo class of 30: release, submit, collect, grade, feedback, export.

    \b
    Example:
      autograder demo
    """
    from autograder.demo.run import run_demo

    run_demo(to, jobs=jobs, console=console())
