"""The centre's referral sheet: its own contacts first, then the S4 help card, to print."""
from __future__ import annotations

from pathlib import Path

from autograder.course.project import Project
from autograder.render.html import render
from autograder.render.print_pdf import html_to_pdf
from safety_modules.centre_contacts import load_contacts
from safety_modules.help_directory import load_directory


def write_referral_sheet(project: Project, folder: Path) -> tuple[Path, Path]:
    """referral-sheet.html and referral-sheet.pdf in `folder`. The contacts are checked before
    anything is written, so a bad entry never reaches paper."""
    centre, directory = load_contacts(), load_directory()
    page = render("referral_sheet.html.j2", folder / "referral-sheet.html",
                  course_name=project.syllabus.course_name, centre=centre, directory=directory)
    return page, html_to_pdf(page, folder / "referral-sheet.pdf")
