"""Release a week: generate the student notebooks and a bundle to copy to every Pi."""
from __future__ import annotations

import datetime as dt
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder import safe_files
from autograder.course.notebook_files import read_notebook
from autograder.course.project import Project
from autograder.errors import PathwaysError
from autograder.gradebook.bridge import check, make_api, save_assignment
from autograder.handins.names import WEEK_MANIFEST

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
    save_assignment(project, week_id, due)
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
    notebooks = sorted(p.name for p in folder.glob("*.ipynb"))
    with safe_files.replacing(bundle) as partial, \
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in _bundle_files(folder):
            zf.write(path, f"{folder.name}/{path.relative_to(folder)}")
        zf.writestr(f"{folder.name}/{WEEK_MANIFEST}", json.dumps({"week": folder.name, "notebooks": notebooks}))
    return bundle


def _normalised(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)


def release_drift(project: Project, generated: Project, week_id: str) -> list[str]:
    """Differences between the committed release and one generated from source now."""
    committed_dir, fresh_dir = project.release / week_id, generated.release / week_id
    committed = {p.relative_to(committed_dir) for p in committed_dir.rglob("*") if p.is_file()}
    fresh = {p.relative_to(fresh_dir) for p in fresh_dir.rglob("*") if p.is_file()}
    fix = f"run `autograder release {week_id}` and commit course/release/{week_id}"
    problems = [f"{week_id}: release lacks {name}; {fix}" for name in sorted(fresh - committed)]
    problems += [f"{week_id}: release has extra file {name}; {fix}" for name in sorted(committed - fresh)]
    for name in sorted(fresh & committed):
        a, b = committed_dir / name, fresh_dir / name
        same = (_normalised(a) == _normalised(b)) if name.suffix == ".ipynb" else a.read_bytes() == b.read_bytes()
        if not same:
            problems.append(f"{week_id}: release/{name} differs from its source; {fix}")
    return problems
