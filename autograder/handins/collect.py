"""Bring a week's submissions in from a USB stick or LAN folder, losing nothing.

Every file found is first copied to course/archive/<its week>/. For each student, each of
the week's notebooks comes from the newest hand-in that holds it (collect_merge), so a
later hand-in without a notebook never drops one handed in before, and an older file never
replaces a newer one. Files for other weeks are counted and left for their own collect;
files that are not submissions are archived and listed. Hidden files, the USB stick's
system folders and a `feedback/` folder (where `autograder feedback` writes) are passed by.
"""
from __future__ import annotations

import datetime as dt
import filecmp
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course.project import Project
from autograder.errors import PathwaysError
from autograder.gradebook.roster import load_roster
from autograder.handins.merge import Collected, CollectRow, HandIn, merge_student
from autograder.handins.names import SEPARATOR, SubmissionName, parse_name, week_of

PASSED_BY_FOLDERS = {"feedback", "System Volume Information", "$RECYCLE.BIN", "LOST.DIR"}

__all__ = ["CollectReport", "CollectRow", "NothingToCollect", "collect_week", "archive_original"]


class NothingToCollect(PathwaysError, FileNotFoundError):
    """The --from folder holds no files at all."""


@dataclass
class CollectReport:
    week: str
    rows: list[CollectRow] = field(default_factory=list)
    other_weeks: Counter = field(default_factory=Counter)  # week id -> files left for that week

    @property
    def rejected(self) -> list[CollectRow]:
        return [r for r in self.rows if r.status == Collected.REJECTED]

    @property
    def imported(self) -> list[CollectRow]:
        return [r for r in self.rows if r.status in (Collected.IMPORTED, Collected.IMPORTED_LATE)]

    @property
    def ignored(self) -> list[CollectRow]:
        return [r for r in self.rows if r.status == Collected.IGNORED]

    @property
    def skipped(self) -> list[CollectRow]:
        passed_over = (Collected.SKIPPED_OLDER, Collected.SKIPPED_ALREADY, Collected.NOT_A_SUBMISSION)
        return [r for r in self.rows if r.status in passed_over]

    def summary(self) -> str:
        text = f"{len(self.imported)} imported, {len(self.rejected)} rejected, {len(self.skipped)} skipped"
        if self.ignored:
            text += f", {len(self.ignored)} notebook(s) ignored"
        text += "."
        if self.other_weeks:
            weeks = ", ".join(sorted(self.other_weeks))
            text += (f" {sum(self.other_weeks.values())} file(s) for other weeks ({weeks}) left for "
                     f"their own `autograder collect`.")
        return text


def found_files(from_dir: Path) -> list[Path]:
    """Every file under the folder except hidden ones, stick system folders and feedback/."""
    out = []
    for path in sorted(from_dir.rglob("*")):
        parts = path.relative_to(from_dir).parts
        if any(p.startswith(".") for p in parts) or PASSED_BY_FOLDERS & set(parts[:-1]):
            continue
        if path.is_file():
            out.append(path)
    return out


def collect_week(project: Project, week_id: str, from_dir: Path) -> CollectReport:
    week = project.syllabus.week(week_id)
    expected = {p.name for p in project.release_notebooks(week_id)}
    if not expected:
        raise PathwaysError(f"{week_id} has not been released (course/release/{week_id} is empty); "
                            f"run `autograder release {week_id}` first.")
    if not from_dir.is_dir():
        raise PathwaysError(f"{from_dir} is not a folder; plug in the USB stick or check the path.")
    files = found_files(from_dir)
    if not files:
        raise NothingToCollect(f"Nothing found in {from_dir}: the folder is empty. Check that the USB "
                               "stick is plugged in and that this is the folder with the students' files.")
    roster = load_roster(project)
    week_ids = {w.id for w in project.syllabus.weeks}
    report = CollectReport(week_id)
    handins: dict[str, list[HandIn]] = {}
    for path in files:
        other = week_of(path)
        if other != week_id and other in week_ids:
            archive_original(project, other, path)
            report.other_weeks[other] += 1
            continue
        archive_original(project, week_id, path)
        name = parse_name(path)
        if path.suffix not in (".zip", ".ipynb") and SEPARATOR not in path.name:
            report.rows.append(CollectRow(path.name, "", Collected.NOT_A_SUBMISSION,
                                          f"not a notebook; kept in course/archive/{week_id}/"))
            continue
        reason = _name_problem(path, name, week_id, roster, project.syllabus.weeks)
        if reason or name is None:
            report.rows.append(CollectRow(path.name, name.student_id if name else "", Collected.REJECTED, reason or ""))
        elif name.kind == "zip":  # parse_name gives every zip its time
            when = name.timestamp or dt.datetime.fromtimestamp(path.stat().st_mtime)
            handins.setdefault(name.student_id, []).append(HandIn(path, "zip", when))
        else:
            when = dt.datetime.fromtimestamp(path.stat().st_mtime)
            handins.setdefault(name.student_id, []).append(HandIn(path, "notebook", when, name.notebook))
    due = dt.datetime.combine(week.due_date, dt.time(23, 59, 59))
    for student_id in sorted(handins):
        report.rows += merge_student(project, week_id, student_id, handins[student_id], expected, due)
    return report


def _name_problem(path: Path, name: SubmissionName | None, week_id: str, roster: dict, weeks) -> str:  # noqa: ANN001
    if path.name.endswith(".zip.partial"):
        return "an unfinished hand-in (the copy to the stick was cut off); submit again with `autograder submit`"
    if path.suffix not in (".zip", ".ipynb"):
        return "not a notebook or a submission zip; hand in .ipynb notebooks with `autograder submit`"
    if name is None:
        return ("wrong file name; it should be <student_id>__<week>__<time>.zip from `autograder submit`, "
                "or <student_id>__<week>__<notebook>.ipynb")
    if name.week != week_id:
        return (f"'{name.week}' is not a week of the syllabus (weeks are {weeks[0].id} … {weeks[-1].id}); "
                "rename the file "
                f"to <student_id>__{week_id}__… if it is for {week_id}")
    if name.student_id not in roster:
        return (f"unknown student '{name.student_id}'; check the id, or add the student with "
                "`autograder students import`")
    return ""


def archive_original(project: Project, week_id: str, path: Path) -> Path:
    """Keep a copy of every file as it arrived; never overwrite a different file."""
    folder = project.archive / week_id
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    counter = 1
    while target.exists():
        if filecmp.cmp(target, path, shallow=False):
            return target
        target = folder / f"{path.stem}.{counter}{path.suffix}"
        counter += 1
    shutil.copy2(path, target)
    return target
