"""One student's hand-ins for a week, merged: each notebook from the newest hand-in holding it.

A student may hand in the lesson on Monday and, on Thursday, only the lab. Taking the
Thursday zip as the whole submission would drop the lesson, so each of the week's
notebooks is taken from the newest hand-in that has it, counting what is already in
course/submitted/. Where each notebook came from is remembered in
course/archive/WEEK/.kept-from/<student>.json (outside nbgrader's folders), and the
collect table says it. A replaced folder moves to course/archive/WEEK/replaced/.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from autograder import safe_files
from autograder.course.notebook_files import parse_notebook
from autograder.course.project import Project
from autograder.errors import NotebookError
from autograder.handins.names import original_of_copy

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # what nbgrader writes in timestamp.txt
MAX_ZIP_BYTES = 50 * 1024 * 1024  # a week's notebooks are far smaller; stops zip bombs


class Collected(StrEnum):
    """What `collect` did with one file (shown as is in its table)."""

    IMPORTED = "imported"
    IMPORTED_LATE = "imported (late)"
    SKIPPED_OLDER = "skipped (older)"
    SKIPPED_ALREADY = "skipped (already collected)"
    NOT_A_SUBMISSION = "not a submission"
    IGNORED = "ignored"
    REJECTED = "rejected"


@dataclass
class CollectRow:
    file: str
    student_id: str
    status: Collected
    reason: str = ""


@dataclass(frozen=True)
class HandIn:
    """One zip from `autograder submit`, or one notebook copied by hand as <id>__<week>__<name>."""

    path: Path
    kind: str  # "zip" or "notebook"
    timestamp: dt.datetime
    notebook: str | None = None  # a plain notebook's name in the week

    @property
    def label(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Version:
    """Where one notebook in course/submitted came from."""

    source: str           # the hand-in's file name
    time: dt.datetime
    sha256: str


@dataclass
class _Reading:
    handin: HandIn
    notebooks: dict[str, bytes] = field(default_factory=dict)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""
    taken: list[str] = field(default_factory=list)
    same: list[str] = field(default_factory=list)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extra_reason(name: str, expected: set[str]) -> str:
    """Why a notebook in a hand-in is not graded."""
    original = original_of_copy(name)
    if original in expected:
        return (f"a copy of {original} made by JupyterLab's Duplicate; only {original} is graded "
                f"(if the answers are in the copy, rename it to {original} and hand in again)")
    return (f"not a notebook of this week (expected {', '.join(sorted(expected))}); if it is one "
            "of them renamed, rename it back and hand in again")


def read_handin(handin: HandIn, expected: set[str]) -> tuple[dict[str, bytes], list[tuple[str, str]]]:
    """The week's notebooks in a hand-in, and the others with why they are ignored.
    Raises NotebookError naming the file when nothing in it can be graded."""
    if handin.kind == "zip":
        try:
            with zipfile.ZipFile(handin.path) as zf:
                members = [m for m in zf.infolist() if m.filename.endswith(".ipynb")
                           and "/" not in m.filename.strip("/")]
                if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
                    raise NotebookError(f"{handin.label} is too large to be a week's notebooks")
                found = {m.filename: zf.read(m) for m in members}
        except zipfile.BadZipFile:
            raise NotebookError(f"{handin.label} is damaged (not a readable zip); submit again "
                                "with `autograder submit`") from None
    else:
        if handin.notebook is None:
            raise NotebookError(f"{handin.label} names no notebook; submit it with `autograder submit`")
        if handin.notebook not in expected:
            if original_of_copy(handin.notebook) in expected:
                return {}, [(handin.notebook, extra_reason(handin.notebook, expected))]
            raise NotebookError(f"{handin.notebook} is not a notebook of this week (expected "
                                f"{', '.join(sorted(expected))}); rename it back and submit again")
        found = {handin.notebook: handin.path.read_bytes()}
    if not found:
        raise NotebookError(f"{handin.label} holds no notebooks")
    week = {name: data for name, data in found.items() if name in expected}
    ignored = [(name, extra_reason(name, expected)) for name in sorted(found) if name not in expected]
    if not week and handin.kind == "zip":
        name = ignored[0][0]
        original = original_of_copy(name)
        if original in expected:
            raise NotebookError(f"{name} is a copy of {original} and {original} itself is not in it; "
                                f"rename the copy to {original} and submit again")
        raise NotebookError(f"{name} is not a notebook of this week (expected "
                            f"{', '.join(sorted(expected))}); rename it back and submit again")
    for name, data in week.items():
        parse_notebook(data, name)
    return week, ignored


def existing_timestamp(folder: Path) -> dt.datetime | None:
    path = folder / "timestamp.txt"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8").strip().removesuffix(" UTC").strip()
    try:
        return dt.datetime.strptime(text, TIMESTAMP_FORMAT)
    except ValueError:
        return dt.datetime.fromisoformat(text)


def _kept_file(project: Project, week_id: str, student_id: str) -> Path:
    return project.archive / week_id / ".kept-from" / f"{student_id}.json"


def kept_versions(project: Project, week_id: str, student_id: str) -> dict[str, Version]:
    """The notebooks in course/submitted now, with where each came from. A notebook put
    there another way (plain nbgrader, an older version of this tool) counts as handed in
    at the folder's timestamp."""
    folder = project.submitted / student_id / week_id
    if not folder.is_dir():
        return {}
    try:
        known = json.loads(_kept_file(project, week_id, student_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    stamp = existing_timestamp(folder)
    out = {}
    for path in sorted(folder.glob("*.ipynb")):
        sha, entry = _sha(path.read_bytes()), known.get(path.name, {})
        if entry.get("sha256") == sha:
            out[path.name] = Version(entry["source"], dt.datetime.fromisoformat(entry["time"]), sha)
        else:
            when = stamp or dt.datetime.fromtimestamp(path.stat().st_mtime)
            out[path.name] = Version("the hand-in collected before", when, sha)
    return out


def merge_student(project: Project, week_id: str, student_id: str, handins: list[HandIn],
                  expected: set[str], due: dt.datetime) -> list[CollectRow]:
    """Install the newest version of each notebook; one row per hand-in (and per ignored notebook)."""
    kept = kept_versions(project, week_id, student_id)
    chosen: dict[str, tuple[Version, bytes]] = {}
    readings = []
    for handin in sorted(handins, key=lambda h: h.timestamp, reverse=True):
        reading = _Reading(handin)
        readings.append(reading)
        try:
            reading.notebooks, reading.ignored = read_handin(handin, expected)
        except NotebookError as err:
            reading.error = str(err)
            continue
        for name, data in sorted(reading.notebooks.items()):
            old = kept.get(name)
            if name in chosen:
                continue  # a newer hand-in in this batch has it
            if old and old.sha256 == _sha(data) and old.time == handin.timestamp:
                reading.same.append(name)  # this very hand-in was collected before
            elif not old or handin.timestamp > old.time:
                chosen[name] = (Version(handin.label, handin.timestamp, _sha(data)), data)
                reading.taken.append(name)
    final = {**kept, **{name: version for name, (version, _) in chosen.items()}}
    if chosen:
        _install(project, week_id, student_id, {n: d for n, (_, d) in chosen.items()}, final)
    return [row for reading in readings for row in _rows(reading, student_id, expected, final, kept, due)]


def _rows(r: _Reading, student_id: str, expected: set[str], final: dict[str, Version],
          kept: dict[str, Version], due: dt.datetime) -> list[CollectRow]:
    label = r.handin.label
    if r.error:
        return [CollectRow(label, student_id, Collected.REJECTED, r.error)]
    if not r.notebooks:  # a plain notebook that is a JupyterLab copy
        return [CollectRow(label, student_id, Collected.IGNORED, why) for _, why in r.ignored]
    if r.taken:
        late = r.handin.timestamp > due
        notes = [f"after the due date {due:%Y-%m-%d}"] if late else []
        for name in sorted(expected - set(r.taken)):
            if name in final:
                notes.append(f"{name} kept from {final[name].source}")
            else:
                notes.append(f"{name} not handed in")
        row = CollectRow(label, student_id, Collected.IMPORTED_LATE if late else Collected.IMPORTED, "; ".join(notes))
    elif r.notebooks and len(r.same) == len(r.notebooks):
        first = min(kept[name].time for name in r.same)
        row = CollectRow(label, student_id, Collected.SKIPPED_ALREADY,
                         f"the same notebooks were collected before (handed in {first:%Y-%m-%d %H:%M})")
    else:
        newer = sorted({final[name].source for name in r.notebooks if name in final})
        collected_before = [final[n] for n in r.notebooks if n in kept and final[n] == kept[n]]
        if collected_before:
            why = (f"not newer than the one collected before "
                   f"({max(v.time for v in collected_before):%Y-%m-%d %H:%M})")
        else:
            why = f"older than {', '.join(newer)}"
        row = CollectRow(label, student_id, Collected.SKIPPED_OLDER, why)
    return [row] + [CollectRow(f"{label} › {name}", student_id, Collected.IGNORED, why) for name, why in r.ignored]


def _install(project: Project, week_id: str, student_id: str, new: dict[str, bytes],
             final: dict[str, Version]) -> None:
    """Write the merged submission folder atomically; a replaced folder moves to the archive."""
    target = project.submitted / student_id / week_id
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{week_id}-", dir=target.parent))
    for name in final:
        if name in new:
            (staging / name).write_bytes(new[name])
        else:
            shutil.copy2(target / name, staging / name)
    newest = max(v.time for v in final.values())
    (staging / "timestamp.txt").write_text(newest.strftime(TIMESTAMP_FORMAT), encoding="utf-8")
    if target.exists():
        old = existing_timestamp(target)
        stamp = old.strftime("%Y%m%dT%H%M%S") if old else "unknown-time"
        keep = project.archive / week_id / "replaced" / f"{student_id}__{stamp}"
        keep.parent.mkdir(parents=True, exist_ok=True)
        counter = 1
        while keep.exists():  # never overwrite an earlier replaced folder
            keep = keep.with_name(f"{student_id}__{stamp}.{counter}")
            counter += 1
        target.rename(keep)
    staging.rename(target)
    record = _kept_file(project, week_id, student_id)
    safe_files.write_text(record, json.dumps({name: {"source": v.source, "time": v.time.isoformat(), "sha256": v.sha256}
                                  for name, v in sorted(final.items())}, indent=1))
