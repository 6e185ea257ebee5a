"""The class roster: nbgrader's student table plus each student's centre and batch.

nbgrader's gradebook has no place for centre and batch, so the full roster is also kept
in course/roster.csv (git-ignored: it holds real names). Re-importing updates, never
duplicates.
"""
from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from autograder import safe_files
from autograder.course.project import Project
from autograder.errors import RosterError
from autograder.gradebook.bridge import StudentRecord, save_students

COLUMNS = ("id", "first_name", "last_name", "email", "centre", "batch")
# Ids become file names (<id>__<week>__<time>.zip), so no spaces and no double underscore.
STUDENT_ID = re.compile(r"^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*$")


@dataclass(frozen=True)
class Student:
    id: str
    first_name: str
    last_name: str
    email: str = ""
    centre: str = ""
    batch: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def roster_file(project: Project) -> Path:
    return project.roster_file


def read_roster_csv(path: Path) -> list[Student]:
    """Read and check a roster CSV; errors name the file, the row and the fix."""
    if not path.is_file():
        raise RosterError(f"{path} does not exist; give the path of the class roster CSV.")
    with path.open(encoding="utf-8-sig", newline="") as fh:  # -sig: CSVs saved by Excel
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RosterError(f"{path} lacks the column(s) {', '.join(missing)}; the first row "
                              f"must be: {','.join(COLUMNS)}")
        students, seen = [], set()
        width = len(reader.fieldnames or [])
        for row_number, row in enumerate(reader, start=2):
            if None in row:  # csv puts the fields beyond the header under None
                raise RosterError(
                    f"{path} row {row_number} has {width + len(row[None])} fields but the first row has "
                    f"{width}: a value with a comma in it must be in double quotes, e.g. "
                    f"{_quoted_example(row, list(row[None]))}")
            values = {c: (row.get(c) or "").strip() for c in COLUMNS}
            sid = values["id"]
            if not STUDENT_ID.match(sid):
                raise RosterError(f"{path} row {row_number}: student id '{sid}' must be letters and "
                                  "digits, joined by single - or _ (no spaces), e.g. KOL-014.")
            if sid in seen:
                raise RosterError(f"{path} row {row_number}: student id '{sid}' appears twice; "
                                  "each student needs one row.")
            if not values["first_name"]:
                raise RosterError(f"{path} row {row_number}: student '{sid}' has no first_name.")
            seen.add(sid)
            students.append(Student(**values))
    return students


def _quoted_example(row: dict, extra: list[str]) -> str:
    """The row as it was typed, with the last name and the spill-over quoted: the usual case
    is a name such as `Das, Jr.`."""
    fields = [row.get(c) or "" for c in COLUMNS] + list(extra)
    spill = len(extra)
    name_end = COLUMNS.index("last_name") + 1
    return ",".join(fields[:name_end - 1] + [f'"{",".join(fields[name_end - 1:name_end + spill])}"']
                    + fields[name_end + spill:])


def load_roster(project: Project) -> dict[str, Student]:
    """{id: Student} for every student ever imported (empty before the first import)."""
    path = roster_file(project)
    if not path.exists():
        return {}
    return {s.id: s for s in read_roster_csv(path)}


def import_roster(project: Project, csv_path: Path) -> tuple[int, int]:
    """Add or update students from a CSV; returns (added, updated)."""
    incoming = read_roster_csv(csv_path)
    roster = load_roster(project)
    added = sum(1 for s in incoming if s.id not in roster)
    updated = sum(1 for s in incoming if s.id in roster and roster[s.id] != s)
    roster.update({s.id: s for s in incoming})
    save_students(project, [StudentRecord(s.id, s.first_name, s.last_name, s.email) for s in incoming])
    _write_roster(roster_file(project), sorted(roster.values(), key=lambda s: s.id))
    return added, updated


def _write_roster(path: Path, students: list[Student]) -> None:
    with safe_files.replacing(path) as partial, partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(asdict(s) for s in students)
