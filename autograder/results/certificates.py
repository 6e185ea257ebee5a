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

from autograder import safe_files
from autograder.course.syllabus import Syllabus
from autograder.eligibility import Rules, standing
from autograder.errors import PathwaysError
from autograder.render.pdf import CertificateText, draw_certificate
from autograder.results.grades_file import Grades

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
    with safe_files.replacing(path) as partial, partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=REGISTER_COLUMNS)
        writer.writeheader()
        writer.writerows(asdict(e) for e in entries)


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


class TooEarly(PathwaysError, ValueError):
    """Final certificates asked for before the course's last day."""


def require_course_ended(syllabus: Syllabus, issued_on: dt.date) -> None:
    """Certificates say a student completed the course: not before its last day."""
    if issued_on < syllabus.end_date:
        raise TooEarly(f"The course runs until {syllabus.end_date:%d %B %Y} (course/syllabus.toml), so "
                       f"certificates dated {issued_on:%d %B %Y} would come before it ends. To see who is "
                       "on track, run `autograder report`; to issue certificates early anyway (for a "
                       "student who is leaving), add --before-end.")


def issue_certificates(to: Path, grades: Grades, syllabus: Syllabus, rules: Rules, register: Path,
                       *, issued_on: dt.date | None = None, before_end: bool = False) -> CertificateRun:
    """Draw every eligible student's certificate into `to`, with register.csv and
    not_eligible.csv; refuses before the course's end date unless `before_end`."""
    today = issued_on or dt.date.today()
    if not before_end:
        require_course_ended(syllabus, today)
    to.mkdir(parents=True, exist_ok=True)
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
                                         entry.dates, int(entry.hours or 0), entry.level,
                                         _issued_date(entry.issued_on)),
                         to / f"{entry.certificate_id}-{sid}.pdf")
        run.issued.append(entry)
    _write_register(register, entries)
    shutil.copy2(register, to / "register.csv")
    _write_not_eligible(to / "not_eligible.csv", run.not_eligible)
    return run


def _issued_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _write_not_eligible(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with safe_files.replacing(path) as partial, partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student_id", "name", "missing"])
        writer.writerows(rows)


def verify(register: Path, certificate_id: str) -> Entry | None:
    wanted = certificate_id.strip().upper()
    return next((e for e in read_register(register) if e.certificate_id.upper() == wanted), None)
