"""Certificates for eligible students, a register to verify them, and who is not yet
eligible and exactly why.

The register (course/certificates/register.csv) is the course's memory: re-running never
gives a student a second id for the same level, and `verify` answers from it.
"""
from __future__ import annotations

import csv
import datetime as dt
import secrets
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from autograder.certificate_pdf import CertificateText, draw_certificate
from autograder.eligibility import Rules, standing
from autograder.grades_file import Grades
from autograder.syllabus import Syllabus

REGISTER_COLUMNS = ("certificate_id", "student_id", "name", "centre", "batch", "level", "course",
                    "dates", "hours", "issued_on")


@dataclass(frozen=True)
class Entry:
    certificate_id: str
    student_id: str
    name: str
    centre: str
    batch: str
    level: str
    course: str
    dates: str
    hours: str
    issued_on: str


def read_register(path: Path) -> list[Entry]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [Entry(**{c: row.get(c, "") for c in REGISTER_COLUMNS}) for row in csv.DictReader(fh)]


def _write_register(path: Path, entries: list[Entry]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=REGISTER_COLUMNS)
        writer.writeheader()
        writer.writerows(asdict(e) for e in entries)
    partial.replace(path)


def _new_id(taken: set[str], year: int) -> str:
    while True:
        candidate = f"PW-{year}-{secrets.token_hex(3).upper()}"
        if candidate not in taken:
            return candidate


@dataclass
class CertificateRun:
    issued: list[Entry]          # every eligible student's certificate (new or re-drawn)
    new: int                     # how many ids were given for the first time
    not_eligible: list[tuple[str, str, str]]  # (student_id, name, what is missing)


def issue_certificates(to: Path, grades: Grades, syllabus: Syllabus, rules: Rules, register: Path,
                       *, today: dt.date | None = None) -> CertificateRun:
    today = today or dt.date.today()
    entries = read_register(register)
    by_key = {(e.student_id, e.level): e for e in entries}
    taken = {e.certificate_id for e in entries}
    dates = f"{syllabus.start_date:%d %B %Y} – {syllabus.end_date:%d %B %Y}"
    run = CertificateRun([], 0, [])
    for sid in sorted(grades.students):
        student = grades.students[sid]
        result = standing(sid, grades.rows, syllabus, rules, final=True)
        if not result.level:
            run.not_eligible.append((sid, student.name, "; ".join(result.missing)))
            continue
        entry = by_key.get((sid, result.level))
        if entry is None:
            entry = Entry(_new_id(taken, today.year), sid, student.name, student.centre or syllabus.centre,
                          student.batch, result.level, syllabus.course_name, dates, str(syllabus.hours),
                          today.isoformat())
            taken.add(entry.certificate_id)
            by_key[(sid, result.level)] = entry
            entries.append(entry)
            run.new += 1
        draw_certificate(CertificateText(entry.certificate_id, entry.name, entry.course, entry.centre,
                                         entry.dates, int(entry.hours or 0), entry.level),
                         to / f"{entry.certificate_id}-{sid}.pdf")
        run.issued.append(entry)
    _write_register(register, entries)
    shutil.copy2(register, to / "register.csv")
    _write_not_eligible(to / "not_eligible.csv", run.not_eligible)
    return run


def _write_not_eligible(path: Path, rows: list[tuple[str, str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student_id", "name", "missing"])
        writer.writerows(rows)


def verify(register: Path, certificate_id: str) -> Entry | None:
    wanted = certificate_id.strip().upper()
    return next((e for e in read_register(register) if e.certificate_id.upper() == wanted), None)
