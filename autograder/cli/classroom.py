"""The classroom's set-up: the offline bundle that prepares every student's Raspberry Pi."""
from __future__ import annotations

from pathlib import Path

import click

from autograder.cli.common import console, project_of


@click.command("pi-bundle")
@click.option("--to", "to", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="A new, empty folder (on the USB stick) for the bundle.")
@click.option("--week", "weeks", multiple=True,
              help="A week to put on the Pis (repeat it; default: the weeks released so far).")
@click.option("--this-machine", is_flag=True,
              help="Build for this computer instead of a Raspberry Pi (to try install.sh here).")
@click.pass_context
def pi_bundle(ctx: click.Context, to: Path, weeks: tuple[str, ...], this_machine: bool) -> None:
    """Make a folder that sets up a student's Raspberry Pi with no internet (run `sh install.sh`).

    Built once, on a machine with internet: the libraries for Raspberry Pi OS Bookworm
    (64-bit, Python 3.11) at the project's exact versions, the released weeks, install.sh.

    \b
    Example:
      autograder pi-bundle --to /media/usb/pathways-pi
      autograder pi-bundle --to /media/usb/pathways-pi --week week01 --week week02
    """
    from autograder.classroom.pi_bundle import RASPBERRY_PI, THIS_MACHINE, build_bundle, default_weeks

    project = project_of(ctx)
    chosen = list(weeks) or default_weeks(project)
    platform = THIS_MACHINE if this_machine else RASPBERRY_PI
    with console().status(f"Downloading the libraries for {platform.name}…"):
        bundle = build_bundle(project, to, chosen, platform)
    click.echo(f"Bundle for {bundle.platform} (Python {bundle.python_version}) in {to}: "
               f"{bundle.wheels} wheels, weeks {', '.join(bundle.weeks)}.")
    click.echo("On each Pi, as the student: open this folder on the stick and run `sh install.sh` there.")
