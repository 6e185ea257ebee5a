"""`autograder review`: which safety materials a centre's partners have signed off, and signing one."""
from __future__ import annotations

import click
from rich.table import Table

from autograder.cli_common import console, friendly_errors, project_of


@click.group(invoke_without_command=True)
@click.pass_context
@friendly_errors
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
    from autograder.reviews import review_states

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
@friendly_errors
def review_sign(ctx: click.Context, item: str, reviewed_by: str, organisation: str) -> None:
    """Record that ITEM (S1…S8, glossary, parents_letter) was reviewed as it is now.

    \b
    Example:
      autograder review sign S2 --by "Rumana Begum" --org "Khidirpur partner collective"
    """
    from autograder.reviews import REVIEWS_FILE, sign

    done = sign(project_of(ctx), item, reviewed_by=reviewed_by, organisation=organisation)
    click.echo(f"Signed off {done.item} for {done.organisation} on {done.date}; "
               f"recorded in {REVIEWS_FILE} (commit it so every machine sees it).")
