"""The course at a glance: one row per syllabus week."""
from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder import safe_files
from autograder.course.project import Project
from autograder.gradebook.bridge import make_api
from autograder.gradebook.health import check_gradebook
from autograder.gradebook.scores import NotebookScore, notebook_scores
from autograder.handins.release import release_drift


@dataclass(frozen=True)
class WeekStatus:
    week: str
    title: str
    source: str      # how many source notebooks: "3" or "—"
    release: str     # the release folder against the source: "in sync", "out of date", "no folder" or "—"
    handed_out: str  # given to students: the bundle's date, "published", "not yet" or "—"
    collected: int
    graded: int
    average: str     # "72%" or "—"
    missing: str     # what the syllabus expects and is not written yet, e.g. "lesson, S2"
    hand_grading: int = 0  # capstone hand-ins whose written parts still wait for formgrader




def _fingerprint(project: Project, week_id: str) -> str:
    """Changes when anything that decides the week's release state changes."""
    import hashlib

    from autograder.gradebook.bridge import nbgrader_version

    digest = hashlib.sha256(nbgrader_version().encode())
    for path in (project.config_file, project.syllabus_file):
        digest.update(path.read_bytes())
    for folder in (project.source / week_id, project.release / week_id):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _release_states(project: Project, week_ids: list[str]) -> dict[str, str]:
    """Generate every written week into a scratch course and compare with course/release.

    Generating takes seconds a week, so a week whose source, release and config are unchanged
    since the last check reuses that answer (kept in course/.status-cache.json)."""
    cache_file = project.status_cache_file
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    states, fingerprints = {}, {}
    for week_id in week_ids:
        if not (project.release / week_id).is_dir():
            states[week_id] = "no folder"
            continue
        fingerprints[week_id] = _fingerprint(project, week_id)
        known = cache.get(week_id, {})
        if known.get("fingerprint") == fingerprints[week_id]:
            states[week_id] = known["state"]
    to_check = [w for w in fingerprints if w not in states]
    if to_check:
        with tempfile.TemporaryDirectory(prefix="pathways-status-") as tmp:
            scratch = project.scratch_copy(to_check, Path(tmp) / "course")
            api = make_api(scratch)
            for week_id in to_check:
                result = api.generate_assignment(week_id, force=True, create=True)
                if not result.get("success"):
                    states[week_id] = "source fails to generate"
                else:
                    states[week_id] = "out of date" if release_drift(project, scratch, week_id) else "in sync"
                cache[week_id] = {"fingerprint": fingerprints[week_id], "state": states[week_id]}
        try:
            safe_files.write_text(cache_file, json.dumps(cache, indent=1))
        except OSError:
            pass  # a read-only course still gets its status, only slower next time
    return states


def week_status(project: Project) -> list[WeekStatus]:
    check_gradebook(project)  # a damaged gradebook stops here, before seconds of release checks
    written = [w.id for w in project.syllabus.weeks if project.source_notebooks(w.id)]
    releases = _release_states(project, written)
    rows = []
    for week in project.syllabus.weeks:
        scores = notebook_scores(project, week.id)
        if week.capstone:
            scores = {sid: chosen_project(rows) for sid, rows in scores.items()}
        graded = [s for s in scores.values() if sum(r.max_score for r in s)]
        average = "—"
        if graded:
            percents = [100 * sum(r.score for r in s) / sum(r.max_score for r in s) for s in graded]
            average = f"{sum(percents) / len(percents):.0f}%"
        count = len(project.source_notebooks(week.id))
        rows.append(WeekStatus(
            week=week.id, title=week.title,
            source=str(count) if count else "—",
            release=releases.get(week.id, "—"),
            handed_out=handed_out(project, week.id) if count else "—",
            collected=len(project.submitted_students(week.id)),
            graded=len(graded), average=average,
            hand_grading=sum(1 for s in graded if any(r.waiting for r in s)),
            missing=", ".join(_short(name, week) for name in project.missing_notebooks(week.id))))
    return rows


def chosen_project(rows: list[NotebookScore]) -> list[NotebookScore]:
    """A capstone hand-in as it counts: its other notebooks and the best of its projects
    (nbgrader scores the projects a student did not choose as 0 of their points)."""
    projects = [r for r in rows if r.notebook.startswith("project-")]
    others = [r for r in rows if not r.notebook.startswith("project-")]
    if not projects:
        return others
    return others + [max(projects, key=lambda r: r.score / r.max_score if r.max_score else 0.0)]


def handed_out(project: Project, week_id: str) -> str:
    """Whether students were given the week: the date `release` made its bundle, or
    "published" when plain nbgrader released it to an exchange. A release folder alone is
    not a hand-out: the course's repository keeps one for every written week."""
    bundle = project.outbound / f"{week_id}.zip"
    if bundle.exists():
        return dt.date.fromtimestamp(bundle.stat().st_mtime).isoformat()
    if (project.exchange / "pathways" / "outbound" / week_id).is_dir():
        return "published"
    return "not yet"


def _short(name: str, week) -> str:  # noqa: ANN001
    """'lesson', 'project', or the module's id (S2, H4): the status table stays narrow."""
    if name.startswith("a lesson"):
        return "lesson"
    if name.startswith("a capstone"):
        return "project"
    if week.safety and name == week.safety_notebook:
        return week.safety.id
    if week.lab and name == week.lab_notebook:
        return week.lab.id
    return name
