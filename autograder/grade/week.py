"""Autograde every collected submission of a week, in parallel, into the gradebook.

Each worker process builds one NbGraderAPI and calls `autograde` for one student at a
time, so scores are exactly nbgrader's. One failing submission is reported and the batch
goes on; the gradebook is copied to course/backups/ before anything is written.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from autograder.course.project import Project
from autograder.errors import NbgraderFailed, PathwaysError
from autograder.grade.cell_problems import CellProblem, find_cell_problems
from autograder.grade.config import grading_config
from autograder.grade.forged_cells import strip_forged_cells
from autograder.grade.sandbox import sandbox_problem
from autograder.gradebook.bridge import assignments, check, make_api
from autograder.gradebook.scores import notebook_scores

BACKUPS_KEPT = 10


class Graded(StrEnum):
    GRADED = "graded"
    PARTLY_FAILED = "partly failed"  # a cell was stopped (time, memory, exit()); the rest is graded
    REJECTED = "rejected"            # nbgrader could not grade the submission at all


@dataclass
class GradeResult:
    student_id: str
    score: float = 0.0
    max_score: float = 0.0
    error: str = ""  # set when nbgrader could not grade the submission at all
    problems: list[CellProblem] = field(default_factory=list)

    @property
    def status(self) -> Graded:
        if self.error:
            return Graded.REJECTED
        return Graded.PARTLY_FAILED if self.problems else Graded.GRADED


def default_jobs() -> int:
    """One more worker than cores: a kernel's start-up waits on I/O part of the time
    (benchmarks/grade_class.py: 3 workers on 2 cores beat 2, and 4 beat 3 by nothing)."""
    return (os.cpu_count() or 1) + 1


def backup_gradebook(project: Project) -> Path | None:
    """Copy the gradebook before grading, keeping the newest few copies."""
    if not project.gradebook_file.exists():
        return None
    backups = project.backups
    backups.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups / f"gradebook-{stamp}.db"
    shutil.copy2(project.gradebook_file, target)
    for old in sorted(backups.glob("gradebook-*.db"))[:-BACKUPS_KEPT]:
        old.unlink()
    return target


def require_released(project: Project, week_id: str) -> None:
    """The week can be graded: it is written, released, and the gradebook is whole."""
    project.syllabus.week(week_id)
    names = {a.name for a in assignments(project)}
    if week_id in names:
        return
    if not project.source_notebooks(week_id):
        raise PathwaysError(f"{week_id} is not written yet (course/source/{week_id} has no notebooks), "
                            "so there is nothing to grade.")
    raise PathwaysError(f"{week_id} is not in this course's gradebook yet; run "
                        f"`autograder release {week_id}` first, then grade again.")


# -- worker side: one API per process, reused for every submission it grades ----------
_worker_api = None


def _init_worker(root: str, sandbox: bool) -> None:
    global _worker_api
    os.environ.setdefault("GPIOZERO_PIN_FACTORY", "mock")
    project = Project(Path(root))
    _worker_api = make_api(project, grading_config(project, sandbox=sandbox))


def _grade_one(week_id: str, student_id: str) -> tuple[str, str]:
    """Grade one submission; return (student_id, error message or "")."""
    try:
        if _worker_api is None:
            raise RuntimeError("the grading worker was not set up (grade._start_worker)")
        result = _worker_api.autograde(week_id, student_id, force=True, create=False)
        check(result, f"grading {student_id}'s {week_id}")
        return student_id, ""
    except NbgraderFailed as err:
        return student_id, str(err)
    except Exception as err:  # one bad submission never stops the batch
        return student_id, f"{type(err).__name__}: {err}"


def _pool_context():
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def grade_week(project: Project, week_id: str, *, students: Iterable[str] | None = None,
               jobs: int | None = None, sandbox: bool = True,
               on_done: Callable[[str, str], None] | None = None,
               warn: Callable[[str], None] | None = None) -> list[GradeResult]:
    """Autograde the week's submissions; `on_done(student_id, error)` reports progress.

    With `sandbox` (the default) each kernel runs under bubblewrap; where that cannot
    work, `warn` is told once and grading goes on without it."""
    project.syllabus.week(week_id)
    wanted = sorted(students) if students is not None else project.submitted_students(week_id)
    return grade_weeks(project, {week_id: wanted}, jobs=jobs, sandbox=sandbox,
                       on_done=on_done and (lambda _week, sid, error: on_done(sid, error)),
                       warn=warn)[week_id]


def grade_weeks(project: Project, plan: dict[str, list[str]], *, jobs: int | None = None,
                sandbox: bool = True, on_done: Callable[[str, str, str], None] | None = None,
                warn: Callable[[str], None] | None = None) -> dict[str, list[GradeResult]]:
    """Autograde several weeks' students in one pool of workers: no worker waits for the
    slowest submission of a week before the next week starts (validation grades every week)."""
    for week_id in plan:
        require_released(project, week_id)
    pairs = [(week_id, sid) for week_id, students in plan.items() for sid in sorted(students)]
    if not pairs:
        return {week_id: [] for week_id in plan}
    backup_gradebook(project)
    problem = sandbox_problem() if sandbox else None
    if problem:
        sandbox = False
        if warn:
            warn(problem)
    jobs = max(1, min(jobs or default_jobs(), len(pairs)))
    forged = {(week_id, sid): strip_forged_cells(project.source / week_id, project.submitted / sid / week_id)
              for week_id, sid in pairs}
    errors: dict[tuple[str, str], str] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context(),
                             initializer=_init_worker, initargs=(str(project.root), sandbox)) as pool:
        futures = {pool.submit(_grade_one, week_id, sid): week_id for week_id, sid in pairs}
        for future in as_completed(futures):
            student_id, error = future.result()
            errors[(futures[future], student_id)] = error
            if on_done:
                on_done(futures[future], student_id, error)
    return {week_id: collect_results(project, week_id, sorted(students),
                                     {sid: errors.get((week_id, sid), "") for sid in students},
                                     {sid: forged[(week_id, sid)] for sid in students})
            for week_id, students in plan.items()}


def collect_results(project: Project, week_id: str, students: list[str],
                    errors: dict[str, str], forged: dict[str, list[CellProblem]]) -> list[GradeResult]:
    scores = notebook_scores(project, week_id)
    results = []
    for sid in students:
        result = GradeResult(sid, error=errors.get(sid, ""))
        for row in scores.get(sid, []):
            result.score += row.score
            result.max_score += row.max_score
        if not result.error:
            result.problems = forged.get(sid, []) + find_cell_problems(project.autograded / sid / week_id)
        results.append(result)
    return results
