"""The course at a glance: one row per syllabus week."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.grade import submitted_students
from autograder.nbgrader_api import make_api
from autograder.project import Project
from autograder.scores import notebook_scores
from autograder.validate import missing_modules, release_drift, scratch_project


@dataclass(frozen=True)
class WeekStatus:
    week: str
    title: str
    source: str      # "3 notebooks" or "—"
    release: str     # "in sync", "out of date", "not released" or "—"
    collected: int
    graded: int
    average: str     # "72%" or "—"
    missing: str     # syllabus modules not written yet, e.g. "safety-fake-job-offers.ipynb"


def _release_states(project: Project, week_ids: list[str]) -> dict[str, str]:
    """Generate every written week into a scratch course and compare with course/release."""
    if not week_ids:
        return {}
    states = {}
    with tempfile.TemporaryDirectory(prefix="pathways-status-") as tmp:
        scratch = scratch_project(project, week_ids, Path(tmp) / "course")
        api = make_api(scratch)
        for week_id in week_ids:
            if not (project.release / week_id).is_dir():
                states[week_id] = "not released"
                continue
            result = api.generate_assignment(week_id, force=True, create=True)
            if not result.get("success"):
                states[week_id] = "source fails to generate"
            else:
                states[week_id] = "out of date" if release_drift(project, scratch, week_id) else "in sync"
    return states


def week_status(project: Project) -> list[WeekStatus]:
    written = [w.id for w in project.syllabus.weeks if project.source_notebooks(w.id)]
    releases = _release_states(project, written)
    rows = []
    for week in project.syllabus.weeks:
        scores = notebook_scores(project, week.id)
        graded = [s for s in scores.values() if sum(r.max_score for r in s)]
        average = "—"
        if graded:
            percents = [100 * sum(r.score for r in s) / sum(r.max_score for r in s) for s in graded]
            average = f"{sum(percents) / len(percents):.0f}%"
        count = len(project.source_notebooks(week.id))
        rows.append(WeekStatus(
            week=week.id, title=week.title,
            source=f"{count} notebook{'s' if count != 1 else ''}" if count else "—",
            release=releases.get(week.id, "—"),
            collected=len(submitted_students(project, week.id)),
            graded=len(graded), average=average,
            missing=", ".join(missing_modules(project, week.id))))
    return rows
