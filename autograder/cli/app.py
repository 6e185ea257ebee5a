"""The `autograder` group: its options, the error boundary, and every command wired in."""
from __future__ import annotations

from pathlib import Path

import click

from autograder.cli.boundary import FriendlyGroup
from autograder.cli.classroom import pi_bundle
from autograder.cli.coordinator import certificates, report
from autograder.cli.course import demo, glossary, help_card, restore, review, status, validate
from autograder.cli.student import submit, whoami
from autograder.cli.weekly import collect, export, feedback, grade, release, students


@click.group(cls=FriendlyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


for command in (release, collect, grade, feedback, export, students,     # instructor, weekly
                status, validate, glossary, help_card, review, restore, demo,  # instructor, the course
                pi_bundle,                                               # instructor, the classroom
                whoami, submit,                                          # student
                report, certificates):                                   # coordinator
    main.add_command(command)
