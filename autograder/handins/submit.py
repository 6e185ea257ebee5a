"""The student's side, on the Pi: who am I, and hand in a week as one named zip."""
from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import nbformat

from autograder import safe_files
from autograder.course.notebook_files import read_notebook
from autograder.errors import SubmissionError
from autograder.gradebook.roster import STUDENT_ID
from autograder.handins.names import WEEK_MANIFEST, original_of_copy, zip_name


def whoami_file() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "pathways" / "student_id"


def set_student_id(student_id: str, *, force: bool = False) -> Path:
    """Remember the id; a different id already set is replaced only with `force` (a Pi
    passed to another student), so a typo cannot hand in work under someone else's name."""
    if not STUDENT_ID.match(student_id):
        raise SubmissionError(f"'{student_id}' is not a student id; use the id your instructor "
                              "gave you, e.g. KOL-014 (letters, digits, - or _).")
    current = current_student_id()
    if current and current != student_id and not force:
        raise SubmissionError(f"This Pi already submits as {current}. To change it to {student_id}, run "
                              f"`autograder whoami --set {student_id} --force`.")
    path = whoami_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    safe_files.write_text(path, student_id + "\n")
    return path


def current_student_id() -> str | None:
    path = whoami_file()
    return path.read_text(encoding="utf-8").strip() or None if path.exists() else None


def find_week_folder(week: str, given: Path | None = None) -> Path:
    """The student's copy of the week: --from, else ./WEEK, else ~/pathways/WEEK."""
    candidates = [given] if given else [Path.cwd() / week, Path.home() / "pathways" / week]
    for folder in candidates:
        if folder and folder.is_dir():
            return folder
    where = given or f"{candidates[0]} or {candidates[1]}"
    raise SubmissionError(f"Cannot find your {week} folder at {where}; pass the folder with "
                          f"--from, e.g. --from ~/pathways/{week}.")


def without_widget_state(path: Path) -> str:
    """The notebook's text without saved widget state, so no click in a safety scenario leaves the Pi."""
    notebook = read_notebook(path)
    notebook.metadata.pop("widgets", None)
    return nbformat.writes(notebook)


def week_notebooks(folder: Path) -> set[str] | None:
    """The week's notebook names from the bundle's manifest; None for a folder without one."""
    try:
        data = json.loads((folder / WEEK_MANIFEST).read_text(encoding="utf-8"))
        return set(data["notebooks"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def choose_notebooks(folder: Path, warn: Callable[[str], None]) -> list[Path]:
    """The notebooks to hand in: JupyterLab copies are left out, a missing notebook is named."""
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    chosen = []
    for path in found:
        original = original_of_copy(path.name)
        if original:
            warn(f"Left out {path.name}: it is a copy made by JupyterLab's Duplicate, and only {original} "
                 f"is graded. If your answers are in the copy, rename it to {original} and submit again.")
        else:
            chosen.append(path)
    expected = week_notebooks(folder)
    if chosen and expected:
        for name in sorted(expected - {p.name for p in chosen}):
            warn(f"Warning: {name} is not in {folder}, so this hand-in does not have it. If you handed it "
                 f"in before, your teacher keeps that one; if it is somewhere else, put it back in "
                 f"{folder} and submit again.")
    return chosen


def submit_week(week: str, to: Path, *, student_id: str | None = None,
                source: Path | None = None, now: dt.datetime | None = None,
                warn: Callable[[str], None] | None = None) -> Path:
    """Zip the week's notebooks to `to`/<id>__<week>__<time>.zip; refuse a damaged notebook.
    `warn` hears, before anything is written, what is left out or missing."""
    student_id = student_id or current_student_id()
    if not student_id:
        raise SubmissionError("Who are you? Run `autograder whoami --set YOUR_ID` once, "
                              "or pass --student YOUR_ID.")
    if not STUDENT_ID.match(student_id):
        raise SubmissionError(f"'{student_id}' is not a student id; check it with your instructor.")
    folder = find_week_folder(week, source)
    notebooks = choose_notebooks(folder, warn or (lambda _text: None))
    if not notebooks:
        raise SubmissionError(f"{folder} has no notebooks to submit; open the week's notebooks "
                              "there, save them, and try again.")
    for path in notebooks:
        read_notebook(path)  # raises with the notebook's name if it does not parse
    if not to.is_dir():
        raise SubmissionError(f"{to} is not a folder; plug in the USB stick or check the path.")
    when = now or dt.datetime.now()
    target = to / zip_name(student_id, week, when)
    with safe_files.replacing(target) as partial, \
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in notebooks:
            zf.writestr(path.name, without_widget_state(path))
        zf.writestr("pathways-submission.json", json.dumps(
            {"student_id": student_id, "week": week, "submitted_at": when.isoformat()}))
    return target
