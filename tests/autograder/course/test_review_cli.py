"""A coordinator records that a local partner reviewed a safety module; until then, releasing
its week says plainly that it needs local review."""
from __future__ import annotations

from click.testing import CliRunner

from autograder.cli.app import main


def run(project, *args):
    return CliRunner().invoke(main, ["--project", str(project.root), *args])


def test_release_says_the_module_needs_review_until_a_partner_signs_it_off(tiny_course):
    first = run(tiny_course, "release", "week01")
    assert first.exit_code == 0, first.output
    assert ("Note: safety module S1: needs local review before use (nobody has signed it off). "
            "See `autograder review`.") in first.output

    signed = run(tiny_course, "review", "sign", "S1", "--by", "Rumana Begum", "--org", "Partner collective")
    assert signed.exit_code == 0, signed.output
    assert signed.output.startswith("Signed off S1 for Partner collective on ")

    listing = run(tiny_course, "review")
    assert "signed off" in listing.output and "Rumana Begum" in listing.output
    again = run(tiny_course, "release", "week01")
    assert again.exit_code == 0 and "needs local review" not in again.output


def test_signing_something_that_is_not_reviewable_is_one_line_with_the_choices(tiny_course):
    result = run(tiny_course, "review", "sign", "S12", "--by", "A", "--org", "B")
    assert result.exit_code != 0
    assert "'S12' is not something to review; choose one of: S1, S2" in result.output
    assert "Traceback" not in result.output
