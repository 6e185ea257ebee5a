"""The course's weeks, read from course/syllabus.toml (the only list of weeks)."""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import SyllabusError, UnknownWeek


@dataclass(frozen=True)
class Module:
    """A safety module (S1..S8) or hardware lab (H1..H5) placed in a week."""

    id: str
    title: str
    slug: str

    def notebook_name(self, prefix: str) -> str:
        return f"{prefix}-{self.slug}.ipynb"


@dataclass(frozen=True)
class Week:
    id: str
    number: int
    title: str
    topics: tuple[str, ...]
    release_date: dt.date
    due_date: dt.date
    safety: Module | None = None
    lab: Module | None = None
    capstone: bool = False

    @property
    def safety_notebook(self) -> str | None:
        return self.safety.notebook_name("safety") if self.safety else None

    @property
    def lab_notebook(self) -> str | None:
        return self.lab.notebook_name("lab") if self.lab else None


@dataclass(frozen=True)
class Syllabus:
    course_name: str
    centre: str
    start_date: dt.date
    hours: int
    weeks: tuple[Week, ...]
    safety_modules: dict[str, Module] = field(default_factory=dict)
    labs: dict[str, Module] = field(default_factory=dict)

    def week(self, week_id: str) -> Week:
        for week in self.weeks:
            if week.id == week_id:
                return week
        known = f"{self.weeks[0].id} … {self.weeks[-1].id}" if self.weeks else "none"
        guess = _two_digit(week_id)
        if any(w.id == guess for w in self.weeks):
            raise UnknownWeek(f"Week '{week_id}' is not in course/syllabus.toml; did you mean {guess}? "
                              f"(week ids have two digits: {known})")
        raise UnknownWeek(f"Week '{week_id}' is not in course/syllabus.toml (weeks are {known}); "
                          "use a two-digit id such as week01.")

    @property
    def end_date(self) -> dt.date:
        return self.weeks[-1].due_date if self.weeks else self.start_date


def _two_digit(text: str) -> str | None:
    """'week3', 'Week 3', 'wk3' or '3' -> 'week03': what the user most likely meant."""
    match = re.fullmatch(r"(?:w(?:ee)?k)?[\s_-]*0*(\d{1,2})", text.strip().lower())
    return f"week{int(match[1]):02d}" if match else None


def _modules(table: dict, where: Path) -> dict[str, Module]:
    try:
        return {key: Module(key, value["title"], value["slug"]) for key, value in table.items()}
    except KeyError as missing:
        raise SyllabusError(f"{where}: every safety module and lab needs a {missing} entry.") from None


def load_syllabus(path: Path) -> Syllabus:
    """Read and check the syllabus; errors name the file and the week at fault."""
    if not path.is_file():
        raise SyllabusError(f"{path} is missing; every course needs a syllabus (see the README).")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise SyllabusError(f"{path} is not valid TOML ({err}); fix that line and try again.") from None
    course = data.get("course", {})
    try:
        start = dt.date.fromisoformat(str(course["start_date"]))
        due_days = int(course.get("due_days", 7))
    except (KeyError, ValueError):
        raise SyllabusError(f"{path}: [course] needs start_date = \"YYYY-MM-DD\".") from None
    safety = _modules(data.get("safety", {}), path)
    labs = _modules(data.get("labs", {}), path)
    weeks = []
    for number, raw in enumerate(data.get("weeks", []), start=1):
        week_id = raw.get("id", "")
        if week_id != f"week{number:02d}":
            raise SyllabusError(f"{path}: week number {number} has id '{week_id}'; "
                                f"it should be 'week{number:02d}' (weeks are listed in order).")
        for key, table in (("safety", safety), ("lab", labs)):
            if raw.get(key) and raw[key] not in table:
                raise SyllabusError(f"{path}: {week_id} names {key} '{raw[key]}', which is not defined.")
        release = start + dt.timedelta(days=int(raw.get("release_day", 7 * (number - 1))))
        weeks.append(Week(
            id=week_id, number=number, title=raw.get("title", week_id),
            topics=tuple(raw.get("topics", ())),
            release_date=release, due_date=release + dt.timedelta(days=due_days),
            safety=safety.get(raw.get("safety", "")), lab=labs.get(raw.get("lab", "")),
            capstone=bool(raw.get("capstone", False)),
        ))
    return Syllabus(course_name=course.get("name", "Pathways"), centre=course.get("centre", ""),
                    start_date=start, hours=int(course.get("hours", 0)), weeks=tuple(weeks),
                    safety_modules=safety, labs=labs)
