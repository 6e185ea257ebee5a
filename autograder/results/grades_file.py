"""Per-notebook grades as CSV: written by `export --by-notebook`, read back by reports and
certificates, possibly several files from several centres merged.

Every row is checked before anything is used, so a bad file stops the run with one line
naming the file, the row and the fix, and nothing is written half-way.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from autograder import safe_files
from autograder.course.syllabus import Syllabus
from autograder.errors import PathwaysError
from autograder.gradebook.roster import Student
from autograder.gradebook.scores import NotebookRow

COLUMNS = ("assignment", "notebook", "student_id", "first_name", "last_name", "centre", "batch",
           "score", "max_score")
# After the required columns: a safety module's knowledge-check points (empty for lessons).
# Files without them still read; certificates then judge the whole safety notebook.
CHECK_COLUMNS = ("check_score", "check_max")
# Then "waiting" where written answers or rubric items still wait for hand grading (the capstone).
HAND_GRADING_COLUMN = "hand_grading"


class GradesFileError(PathwaysError, ValueError):
    """A grades CSV with a missing column, a repeated row or an impossible score."""


@dataclass(frozen=True)
class Grades:
    rows: list[NotebookRow]
    students: dict[str, Student]


def write_grades(path: Path, rows: list[NotebookRow], students: dict[str, Student]) -> int:
    with safe_files.replacing(path) as partial, partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS + CHECK_COLUMNS + (HAND_GRADING_COLUMN,))
        for r in rows:
            s = students.get(r.student_id) or Student(r.student_id, "", "")
            check = ["" if r.check_score is None else f"{r.check_score:g}", f"{r.check_max:g}" if r.check_max else ""]
            writer.writerow([r.assignment, r.notebook, r.student_id, s.first_name, s.last_name,
                             s.centre, s.batch, "" if r.score is None else f"{r.score:g}", f"{r.max_score:g}",
                             *check, "waiting" if r.waiting else ""])
    return len(rows)


def _number(text: str, where: str, column: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise GradesFileError(f"{where}: {column} '{text}' is not a number; fix the row or export "
                              "the grades again.") from None


def read_grades(paths: list[Path], syllabus: Syllabus, known: dict[str, Student] | None = None) -> Grades:
    """Merge grades files; `known` (a roster) makes unknown student ids an error."""
    rows: list[NotebookRow] = []
    students: dict[str, Student] = {}
    seen: dict[tuple[str, str, str], str] = {}
    week_ids = {w.id for w in syllabus.weeks}
    for path in paths:
        if not path.is_file():
            raise GradesFileError(f"{path} does not exist; give the path of a file made by "
                                  "`autograder export --by-notebook`.")
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise GradesFileError(f"{path} lacks the column(s) {', '.join(missing)}; make it with "
                                      "`autograder export --by-notebook`.")
            for number, raw in enumerate(reader, start=2):
                where = f"{path} row {number}"
                if None in raw:  # more fields than the header: a comma in an unquoted name
                    width = len(reader.fieldnames or ())
                    raise GradesFileError(f"{where} has {width + len(raw[None])} fields but the "
                                          f"first row has {width}: a name with a comma in it "
                                          "must be in double quotes; export the grades again.")
                rows.append(_checked_row(raw, where, week_ids, known, seen, students))
    return Grades(rows, students)


def _checked_row(raw: dict, where: str, week_ids: set[str], known, seen, students) -> NotebookRow:
    sid, week, notebook = raw["student_id"].strip(), raw["assignment"].strip(), raw["notebook"].strip()
    if notebook and not notebook.endswith(".ipynb"):
        notebook += ".ipynb"  # nbgrader's own name for a notebook has no suffix; older files used it
    if week not in week_ids:
        raise GradesFileError(f"{where}: week '{week}' is not in the syllabus; fix the assignment column.")
    if known is not None and sid not in known:
        raise GradesFileError(f"{where}: unknown student '{sid}'; add them to the roster or remove the row.")
    key = (week, notebook, sid)
    if key in seen:
        raise GradesFileError(f"{where}: {sid} {week} {notebook} appears twice (first at {seen[key]}); "
                              "keep one row.")
    seen[key] = where
    max_score = _number(raw["max_score"].strip(), where, "max_score")
    score_text = raw["score"].strip()
    score = _number(score_text, where, "score") if score_text else None
    if score is not None and not 0 <= score <= max_score:
        raise GradesFileError(f"{where}: score {score:g} is outside 0 to {max_score:g} for {sid} "
                              f"{week} {notebook}; fix the score.")
    student = Student(sid, raw["first_name"].strip(), raw["last_name"].strip(), "",
                      raw["centre"].strip(), raw["batch"].strip())
    students.setdefault(sid, student)
    check_max_text = (raw.get("check_max") or "").strip()
    check_max = _number(check_max_text, where, "check_max") if check_max_text else 0.0
    check_text = (raw.get("check_score") or "").strip()
    check = _number(check_text, where, "check_score") if check_text and check_max else None
    if check is not None and not 0 <= check <= check_max:
        raise GradesFileError(f"{where}: check_score {check:g} is outside 0 to {check_max:g} for {sid} "
                              f"{week} {notebook}; fix the score.")
    waiting = (raw.get(HAND_GRADING_COLUMN) or "").strip().lower() == "waiting" and score is not None
    return NotebookRow(week, notebook, sid, score, max_score, check, check_max, waiting)
