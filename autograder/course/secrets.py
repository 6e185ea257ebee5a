"""What must never reach a student: the source of hidden tests and the solutions.

Used as a last guard before any feedback page is written, and by the tests that scan
every feedback page of every week.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

MIN_LENGTH = 12  # shorter lines ("return x") are too common to be a secret
# One keyword and one word ("return False", "return total") is no secret either: kind test
# messages say such things in prose ("wait_and_cross should return False").
GENERIC = re.compile(r"(return|yield|raise|break|continue|pass)(\s+([\w.]+|\[\]|\{\}|\(\)|\"\"|''))?")


def _between(source: str, begin: str, end: str) -> list[str]:
    lines, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside and len(line.strip()) >= MIN_LENGTH and not GENERIC.fullmatch(line.strip()):
            lines.append(line.strip())
    return lines


def secret_lines(source_week: Path) -> tuple[set[str], set[str]]:
    """(hidden-test lines, solution lines) of a week's source notebooks, minus any line
    the release shows anyway (e.g. a visible test repeated in a hidden block)."""
    hidden: set[str] = set()
    solutions: set[str] = set()
    public: set[str] = set()
    for path in sorted(source_week.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            hidden.update(_between(cell.source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"))
            solutions.update(_between(cell.source, "### BEGIN SOLUTION", "### END SOLUTION"))
            public.update(line.strip() for line in _outside_markers(cell.source))
    return hidden - public, solutions - public


def _outside_markers(source: str) -> list[str]:
    kept, inside = [], False
    for line in source.splitlines():
        if "### BEGIN" in line:
            inside = True
        elif "### END" in line:
            inside = False
        elif not inside:
            kept.append(line)
    return kept


def page_text(path: Path) -> str:
    """The text a reader of the HTML page can see (tags removed, entities decoded)."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<style>.*?</style>", " ", raw, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", raw))


def submission_text(folder: Path) -> str:
    """All source a student handed in (their own code may match solution lines)."""
    return "\n".join(cell.source for path in sorted(folder.glob("*.ipynb"))
                     for cell in nbformat.read(path, as_version=4).cells)


def leaked(text: str, hidden: set[str], solutions: set[str], own: str = "") -> list[str]:
    """Secret lines that appear in `text` (solution lines the student wrote are theirs)."""
    found = [line for line in hidden if line in text]
    found += [line for line in solutions if line in text and line not in own]
    return sorted(found)
