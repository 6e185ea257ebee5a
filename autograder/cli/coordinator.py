"""The coordinator's commands: the progress report and certificates."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from autograder.cli.common import changing_course, project_of

GRADES_OPTION = click.option(
    "--grades", "grades_files", multiple=True, type=click.Path(path_type=Path),
    help="Per-notebook grades CSV(s) from `export --by-notebook` (repeat to merge centres); "
         "default: this course's gradebook.")


@click.command()
@click.option("--to", "to", required=True, type=click.Path(path_type=Path), help="Folder for the report.")
@GRADES_OPTION
@click.option("--final/--during", default=None,
              help="Judge certificate eligibility (default: when every week has been graded).")
@click.pass_context
def report(ctx: click.Context, to: Path, grades_files: tuple[Path, ...], final: bool | None) -> None:
    """A progress report with charts: per centre and batch, per student, the hardest exercises.

    \b
    Example:
      autograder report --to reports/2027-03
      autograder report --to reports/all --grades khidirpur.csv --grades bowbazar.csv
    """
    from autograder.eligibility import load_rules
    from autograder.results.grade_sources import load_grades
    from autograder.results.report import write_report

    project = project_of(ctx)
    grades = load_grades(project, list(grades_files))
    page = write_report(to, grades, project.syllabus, load_rules(project.certificate_rules_file),
                        project=None if grades_files else project, final=final)
    click.echo(f"Report: {page} (open it in any browser; the table is also in {to / 'students.csv'})")


@click.group(invoke_without_command=True)
@click.option("--to", "to", type=click.Path(path_type=Path), help="Folder for the PDF certificates.")
@GRADES_OPTION
@click.option("--issued-on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date printed on new certificates, YYYY-MM-DD (default: today).")
@click.option("--before-end", is_flag=True,
              help="Issue certificates before the course's last day (e.g. for a student who is leaving).")
@click.pass_context
def certificates(ctx: click.Context, to: Path | None, grades_files: tuple[Path, ...],
                 issued_on: dt.datetime | None, before_end: bool) -> None:
    """Certificates for every eligible student, the register, and who is not yet eligible and why.

    Certificates are for the end of the course: before the syllabus's last day this stops
    and says so, unless --before-end is given.

    \b
    Example:
      autograder certificates --to certificates/2027
      autograder certificates --to certificates/2027 --issued-on 2027-07-10
      autograder certificates verify PW-2027-3FA91C
    """
    if ctx.invoked_subcommand:
        return
    if to is None:
        raise click.UsageError("Give the folder for the certificates with --to DIR.")
    from autograder.eligibility import load_rules
    from autograder.results.certificates import issue_certificates
    from autograder.results.grade_sources import load_grades, register_file

    with changing_course(ctx, "issuing certificates") as project:
        grades = load_grades(project, list(grades_files))
        run = issue_certificates(to, grades, project.syllabus, load_rules(project.certificate_rules_file),
                                 register_file(project), issued_on=issued_on.date() if issued_on else None,
                                 before_end=before_end)
    click.echo(f"{len(run.issued)} certificate(s) in {to} ({run.new} new id(s)); "
               f"{len(run.not_eligible)} student(s) not yet eligible: see {to / 'not_eligible.csv'}")


@certificates.command("verify")
@click.argument("certificate_id")
@click.pass_context
def certificates_verify(ctx: click.Context, certificate_id: str) -> None:
    """Is CERTIFICATE_ID in this course's register, and for whom?

    \b
    Example:
      autograder certificates verify PW-2027-3FA91C
    """
    from autograder.results.certificates import verify
    from autograder.results.grade_sources import register_file

    entry = verify(register_file(project_of(ctx)), certificate_id)
    if entry is None:
        click.secho(f"{certificate_id} is NOT in the register of this course.", fg="red")
        sys.exit(1)
    click.echo(f"{entry.certificate_id} is genuine: {entry.name} ({entry.student_id}), {entry.level}, "
               f"{entry.course}, {entry.centre}, {entry.dates}, issued {entry.issued_on}.")
