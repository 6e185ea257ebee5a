"""Release a week: generate the student notebooks and a bundle to copy to every Pi."""
from __future__ import annotations

import datetime as dt
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import PathwaysError
from autograder.nbgrader_api import check, gradebook, make_api
from autograder.notebook_checks import read_notebook
from autograder.project import Project
from autograder.submission_names import WEEK_MANIFEST

BUNDLE_IGNORED = {".ipynb_checkpoints", "__pycache__"}


@dataclass(frozen=True)
class Release:
    week_id: str
    folder: Path
    bundle: Path
    files: tuple[str, ...]


def release_week(project: Project, week_id: str) -> Release:
    """nbgrader generate_assignment for the week, its due date, and course/outbound/WEEK.zip."""
    week = project.syllabus.week(week_id)
    source = project.source / week_id
    notebooks = project.source_notebooks(week_id)
    if not notebooks:
        raise PathwaysError(f"{source} has no notebooks; write the week's source notebooks "
                            "there first (see the README).")
    for path in notebooks:
        read_notebook(path)  # a corrupt source notebook gets its own clear message
    api = make_api(project)
    check(api.generate_assignment(week_id, force=True, create=True), f"releasing {week_id}")
    due = dt.datetime.combine(week.due_date, dt.time(23, 59))
    with gradebook(project) as book:
        book.update_or_create_assignment(week_id, duedate=due)
    folder = project.release / week_id
    bundle = write_bundle(folder, project.outbound / f"{week_id}.zip")
    files = tuple(sorted(str(p.relative_to(folder)) for p in _bundle_files(folder)))
    return Release(week_id, folder, bundle, files)


def _bundle_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not BUNDLE_IGNORED & set(p.relative_to(folder).parts))


def write_bundle(folder: Path, bundle: Path) -> Path:
    """A zip of the released week, its files under WEEK/, to unzip on each student's Pi.

    It also holds WEEK/.pathways-week.json, the week's notebook names, so `submit` on the
    Pi can say when a hand-in lacks one (the file is hidden in JupyterLab's browser)."""
    bundle.parent.mkdir(parents=True, exist_ok=True)
    partial = bundle.with_suffix(".zip.partial")
    notebooks = sorted(p.name for p in folder.glob("*.ipynb"))
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in _bundle_files(folder):
            zf.write(path, f"{folder.name}/{path.relative_to(folder)}")
        zf.writestr(f"{folder.name}/{WEEK_MANIFEST}", json.dumps({"week": folder.name, "notebooks": notebooks}))
    partial.replace(bundle)  # never leave a half-written bundle on a USB stick
    return bundle
