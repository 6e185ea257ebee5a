"""The student's side, on the Pi: who am I, and hand in a week as one named zip."""
from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from pathlib import Path

import nbformat

from autograder.errors import SubmissionError
from autograder.notebook_checks import read_notebook
from autograder.roster import STUDENT_ID
from autograder.submission_names import zip_name


def whoami_file() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "pathways" / "student_id"


def set_student_id(student_id: str) -> Path:
    if not STUDENT_ID.match(student_id):
        raise SubmissionError(f"'{student_id}' is not a student id; use the id your instructor "
                              "gave you, e.g. KOL-014 (letters, digits, - or _).")
    path = whoami_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(student_id + "\n", encoding="utf-8")
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


def submit_week(week: str, to: Path, *, student_id: str | None = None,
                source: Path | None = None, now: dt.datetime | None = None) -> Path:
    """Zip the week's notebooks to `to`/<id>__<week>__<time>.zip; refuse a damaged notebook."""
    student_id = student_id or current_student_id()
    if not student_id:
        raise SubmissionError("Who are you? Run `autograder whoami --set YOUR_ID` once, "
                              "or pass --student YOUR_ID.")
    if not STUDENT_ID.match(student_id):
        raise SubmissionError(f"'{student_id}' is not a student id; check it with your instructor.")
    folder = find_week_folder(week, source)
    notebooks = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if not notebooks:
        raise SubmissionError(f"{folder} has no notebooks to submit; open the week's notebooks "
                              "there, save them, and try again.")
    for path in notebooks:
        read_notebook(path)  # raises with the notebook's name if it does not parse
    if not to.is_dir():
        raise SubmissionError(f"{to} is not a folder; plug in the USB stick or check the path.")
    when = now or dt.datetime.now()
    target = to / zip_name(student_id, week, when)
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in notebooks:
            zf.writestr(path.name, without_widget_state(path))
        zf.writestr("pathways-submission.json", json.dumps(
            {"student_id": student_id, "week": week, "submitted_at": when.isoformat()}))
    partial.replace(target)
    return target
