"""Bring a week's submissions in from a USB stick or LAN folder, losing nothing.

Every file found is first copied to course/archive/WEEK/. Per student the newest good
submission goes to course/submitted/<id>/WEEK/ with nbgrader's timestamp.txt; an older
one never replaces a newer one, and a replaced folder is kept in the archive.
"""
from __future__ import annotations

import datetime as dt
import filecmp
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import NotebookError, PathwaysError
from autograder.notebook_checks import parse_notebook
from autograder.project import Project
from autograder.roster import load_roster
from autograder.submission_names import SubmissionName, parse_name

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # what nbgrader writes in timestamp.txt
MAX_ZIP_BYTES = 50 * 1024 * 1024  # a week's notebooks are far smaller; stops zip bombs


@dataclass
class CollectRow:
    file: str
    student_id: str
    status: str  # "imported", "imported (late)", "skipped (older)", "rejected"
    reason: str = ""


@dataclass
class CollectReport:
    week: str
    rows: list[CollectRow] = field(default_factory=list)

    @property
    def rejected(self) -> list[CollectRow]:
        return [r for r in self.rows if r.status == "rejected"]

    @property
    def imported(self) -> list[CollectRow]:
        return [r for r in self.rows if r.status.startswith("imported")]


@dataclass
class Candidate:
    files: list[Path]
    name: SubmissionName
    timestamp: dt.datetime

    @property
    def label(self) -> str:
        return ", ".join(p.name for p in self.files)


def collect_week(project: Project, week_id: str, from_dir: Path) -> CollectReport:
    week = project.syllabus.week(week_id)
    expected = {p.name for p in project.release_notebooks(week_id)}
    if not expected:
        raise PathwaysError(f"{week_id} has not been released (course/release/{week_id} is empty); "
                            f"run `autograder release {week_id}` first.")
    if not from_dir.is_dir():
        raise PathwaysError(f"{from_dir} is not a folder; plug in the USB stick or check the path.")
    roster = load_roster(project)
    report = CollectReport(week_id)
    candidates: dict[str, list[Candidate]] = {}
    loose: dict[str, list[Path]] = {}
    for path in sorted(p for p in from_dir.rglob("*") if p.is_file()):
        if path.suffix not in (".zip", ".ipynb") and "__" not in path.name:
            continue  # not meant as a submission (e.g. a note on the stick)
        archive_original(project, week_id, path)
        name = parse_name(path)
        reason = _name_problem(path, name, week_id, roster)
        if reason:
            report.rows.append(CollectRow(path.name, name.student_id if name else "?", "rejected", reason))
        elif name.kind == "zip":
            candidates.setdefault(name.student_id, []).append(Candidate([path], name, name.timestamp))
        else:
            loose.setdefault(name.student_id, []).append(path)
    for student_id, paths in loose.items():
        newest = max(dt.datetime.fromtimestamp(p.stat().st_mtime) for p in paths)
        name = SubmissionName(student_id, week_id, "notebook", newest)
        candidates.setdefault(student_id, []).append(Candidate(sorted(paths), name, newest))
    due = dt.datetime.combine(week.due_date, dt.time(23, 59, 59))
    for student_id in sorted(candidates):
        _take_newest(project, week_id, student_id, candidates[student_id], expected, due, report)
    return report


def _name_problem(path: Path, name: SubmissionName | None, week_id: str, roster: dict) -> str:
    if path.suffix not in (".zip", ".ipynb"):
        return "not a notebook or a submission zip; hand in .ipynb notebooks with `autograder submit`"
    if name is None:
        return ("wrong file name; it should be <student_id>__<week>__<time>.zip from `autograder submit`, "
                "or <student_id>__<week>__<notebook>.ipynb")
    if name.week != week_id:
        return f"wrong week: this file is for {name.week}; collect it with `autograder collect {name.week}`"
    if name.student_id not in roster:
        return (f"unknown student '{name.student_id}'; check the id, or add the student with "
                "`autograder students import`")
    return ""


def _read_candidate(candidate: Candidate, expected: set[str]) -> dict[str, bytes]:
    """The candidate's notebooks by name; raises NotebookError with a reason naming the file."""
    notebooks: dict[str, bytes] = {}
    if candidate.name.kind == "zip":
        path = candidate.files[0]
        try:
            with zipfile.ZipFile(path) as zf:
                members = [m for m in zf.infolist() if m.filename.endswith(".ipynb")
                           and "/" not in m.filename.strip("/")]
                if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
                    raise NotebookError(f"{path.name} is too large to be a week's notebooks")
                notebooks = {m.filename: zf.read(m) for m in members}
        except zipfile.BadZipFile:
            raise NotebookError(f"{path.name} is damaged (not a readable zip); submit again "
                                "with `autograder submit`") from None
    else:
        for path in candidate.files:
            notebooks[candidate_notebook_name(path)] = path.read_bytes()
    if not notebooks:
        raise NotebookError(f"{candidate.label} holds no notebooks")
    for name, data in notebooks.items():
        if name not in expected:
            raise NotebookError(f"{name} is not a notebook of this week (expected "
                                f"{', '.join(sorted(expected))}); rename it back and submit again")
        parse_notebook(data, name)
    return notebooks


def candidate_notebook_name(path: Path) -> str:
    return parse_name(path).notebook


def _take_newest(project: Project, week_id: str, student_id: str, found: list[Candidate],
                 expected: set[str], due: dt.datetime, report: CollectReport) -> None:
    existing = _existing_timestamp(project, student_id, week_id)
    taken = None
    for candidate in sorted(found, key=lambda c: c.timestamp, reverse=True):
        if taken is not None or (existing and candidate.timestamp <= existing):
            why = ("an older submission than the newest one here" if taken
                   else f"not newer than the one collected before ({existing:%Y-%m-%d %H:%M})")
            report.rows.append(CollectRow(candidate.label, student_id, "skipped (older)", why))
            continue
        try:
            notebooks = _read_candidate(candidate, expected)
        except NotebookError as err:
            report.rows.append(CollectRow(candidate.label, student_id, "rejected", str(err)))
            continue
        _install(project, week_id, student_id, notebooks, candidate.timestamp)
        late = candidate.timestamp > due
        missing = sorted(expected - set(notebooks))
        note = f"missing {', '.join(missing)}" if missing else ""
        if late:
            note = "; ".join(filter(None, [f"after the due date {due:%Y-%m-%d}", note]))
        report.rows.append(CollectRow(candidate.label, student_id,
                                      "imported (late)" if late else "imported", note))
        taken = candidate


def _existing_timestamp(project: Project, student_id: str, week_id: str) -> dt.datetime | None:
    path = project.submitted / student_id / week_id / "timestamp.txt"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8").strip().removesuffix(" UTC").strip()
    try:
        return dt.datetime.strptime(text, TIMESTAMP_FORMAT)
    except ValueError:
        return dt.datetime.fromisoformat(text)


def _install(project: Project, week_id: str, student_id: str, notebooks: dict[str, bytes],
             when: dt.datetime) -> None:
    """Write the submission folder atomically; a replaced folder moves to the archive."""
    target = project.submitted / student_id / week_id
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{week_id}-", dir=target.parent))
    for name, data in notebooks.items():
        (staging / name).write_bytes(data)
    (staging / "timestamp.txt").write_text(when.strftime(TIMESTAMP_FORMAT), encoding="utf-8")
    if target.exists():
        old = _existing_timestamp(project, student_id, week_id)
        stamp = old.strftime("%Y%m%dT%H%M%S") if old else "unknown-time"
        keep = project.archive / week_id / "replaced" / f"{student_id}__{stamp}"
        keep.parent.mkdir(parents=True, exist_ok=True)
        if keep.exists():
            shutil.rmtree(keep)
        target.rename(keep)
    staging.rename(target)


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
