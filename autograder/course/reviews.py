"""Local review sign-offs: which safety materials a centre's partners have checked, and which version.

The course's safety rules (docs/SAFETY_FACTS.md) ask that local organisations (survivor-led
collectives among them) review the safety materials before use. A sign-off is data, not a comment in a file: who reviewed,
when, and a fingerprint of exactly the files they read. When any of those files changes
later, the sign-off no longer covers it, and `status` / `release` say so.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from autograder import safe_files
from autograder.course.project import Project
from autograder.errors import PathwaysError

GLOSSARY = "glossary"
PARENTS_LETTER = "parents_letter"


class ReviewError(PathwaysError, ValueError):
    """The reviews file is damaged, or a sign-off names something that cannot be reviewed."""


@dataclass(frozen=True)
class SignOff:
    item: str
    reviewed_by: str
    organisation: str
    date: str
    fingerprint: str


@dataclass(frozen=True)
class ReviewState:
    """Where one reviewable item stands: 'signed off', 'not reviewed' or 'changed since review'."""

    item: str
    files: tuple[Path, ...]
    state: str
    sign_off: SignOff | None = None

    @property
    def ready(self) -> bool:
        return self.state == "signed off"

    def sentence(self) -> str:
        """One line for a terminal: what it is and what to do."""
        if self.state == "signed off" and self.sign_off:
            s = self.sign_off
            return f"{self.item}: signed off by {s.reviewed_by} ({s.organisation}) on {s.date}"
        if self.state == "changed since review" and self.sign_off:
            return (f"{self.item}: changed since {self.sign_off.organisation} reviewed it on "
                    f"{self.sign_off.date}; needs local review again before use")
        return f"{self.item}: needs local review before use (nobody has signed it off)"


def reviewable_items(project: Project) -> dict[str, tuple[Path, ...]]:
    """Each item a centre's partners review, with the files that make it up."""
    items: dict[str, tuple[Path, ...]] = {}
    for week in project.syllabus.weeks:
        if week.safety:
            slug = f"{week.safety.id}-{week.safety.slug}"
            items[week.safety.id] = (
                project.source / week.id / (week.safety_notebook or ""),
                project.safety_content_file(slug),
                project.safety_guide(slug))
    items[GLOSSARY] = (project.glossary_file,)
    items[PARENTS_LETTER] = (project.parents_letter,)
    return items


def fingerprint(files: tuple[Path, ...]) -> str:
    """A short hash of the files' bytes, in order; a missing file counts as empty."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:16]


def load_sign_offs(project: Project) -> dict[str, SignOff]:
    """The latest sign-off of each item from safety_modules/data/reviews.toml."""
    path = project.reviews_file
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ReviewError(f"{path} cannot be read ({err}); fix the file or restore it from git.") from None
    found: dict[str, SignOff] = {}
    for number, row in enumerate(data.get("review", []), start=1):
        missing = [k for k in ("item", "reviewed_by", "organisation", "date", "fingerprint") if not row.get(k)]
        if missing:
            raise ReviewError(f"{path}: review {number} has no {', '.join(missing)}; "
                              "add it with `autograder review sign ITEM --by NAME --org ORGANISATION`.")
        found[row["item"]] = SignOff(row["item"], row["reviewed_by"], row["organisation"],
                                     str(row["date"]), row["fingerprint"])
    return found


def review_states(project: Project) -> list[ReviewState]:
    """Every reviewable item and whether its current files are covered by a sign-off."""
    sign_offs = load_sign_offs(project)
    states = []
    for item, files in reviewable_items(project).items():
        sign_off = sign_offs.get(item)
        if sign_off is None:
            state = "not reviewed"
        elif sign_off.fingerprint == fingerprint(files):
            state = "signed off"
        else:
            state = "changed since review"
        states.append(ReviewState(item, files, state, sign_off))
    return states


def week_review_warnings(project: Project, week_id: str) -> list[str]:
    """Lines to show before a week whose safety module is not signed off for its current text."""
    week = project.syllabus.week(week_id)
    if not week.safety:
        return []
    return [s.sentence() for s in review_states(project) if s.item == week.safety.id and not s.ready]


def sign(project: Project, item: str, *, reviewed_by: str, organisation: str,
         date: dt.date | None = None) -> SignOff:
    """Record that `reviewed_by` of `organisation` reviewed the item's files as they are now."""
    items = reviewable_items(project)
    if item not in items:
        raise ReviewError(f"'{item}' is not something to review; choose one of: {', '.join(items)}.")
    if not reviewed_by.strip() or not organisation.strip():
        raise ReviewError("A sign-off needs the reviewer's name (--by) and organisation (--org).")
    sign_off = SignOff(item, reviewed_by.strip(), organisation.strip(),
                       (date or dt.date.today()).isoformat(), fingerprint(items[item]))
    path = project.reviews_file
    text = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
    text = text.rstrip("\n") + "\n\n" + _entry(sign_off)
    safe_files.write_text(path, text)
    return sign_off


def _entry(s: SignOff) -> str:
    def q(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return (f"[[review]]\nitem = {q(s.item)}\nreviewed_by = {q(s.reviewed_by)}\n"
            f"organisation = {q(s.organisation)}\ndate = {q(s.date)}\nfingerprint = {q(s.fingerprint)}\n")


_HEADER = """# Local review sign-offs of the safety materials (see docs/SAFETY_FACTS.md).
#
# Written by `autograder review sign ITEM --by NAME --org ORGANISATION`; the fingerprint is of
# the files exactly as the reviewer read them. When those files change, `autograder status`
# and `autograder release` say the item needs review again. The latest entry of an item counts.
"""
