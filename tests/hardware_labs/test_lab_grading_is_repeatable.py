"""Issue 18: the same lab submission always gets the same score, even on a busy machine.

Every lab solution and every lab wrong answer (course/checks/wrong_answers/week1?-lab.toml)
is graded 20 times on virtual time while busy processes keep every core at work. The
solutions must earn full marks every time, and each wrong answer the same score, with the
same failing checks and messages, every time. The runs go through tests/hardware_labs/
lab_runner.py: the kernel's virtual clock and cell hooks, one fresh forked process per run.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest

from autograder.course.project import Project
from autograder.validate.checks import wrong_answers_for

REPO = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("lab_runner.py")
LAB_WEEKS = ["week10", "week11", "week12", "week13", "week14"]
REPEAT = 20

pytestmark = pytest.mark.slow


def cells(path: Path, replace: tuple[str, str] | None = None) -> list[dict]:
    """The notebook's code cells as the grader runs them; test cells carry their points."""
    out = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        source = replace[1] if replace and meta.get("grade_id") == replace[0] else cell.source
        points = (meta.get("points") or 0) if meta.get("grade") and not meta.get("solution") else 0
        out.append({"source": source, "grade_id": meta.get("grade_id", ""), "points": points})
    return out


def lab_jobs(scratch: Path) -> list[dict]:
    """Every lab solution and wrong answer; each runs in a scratch copy of its week's folder,
    so files a lab writes never land in course/source."""
    project = Project(REPO)
    jobs = []
    for week in LAB_WEEKS:
        folder = scratch / week
        shutil.copytree(project.source / week, folder)
        for path in (p for p in project.source_notebooks(week) if p.name.startswith("lab-")):
            base = {"folder": str(folder), "repeat": REPEAT}
            jobs.append({**base, "id": f"{week}/{path.name}: the solution", "solution": True,
                         "cells": cells(path)})
            for wrong in (w for w in wrong_answers_for(project, [week]) if w.notebook == path.name):
                jobs.append({**base, "id": f"{week}/{path.name} {wrong.cell}: {wrong.mistake}",
                             "cells": cells(path, (wrong.cell, wrong.code))})
    return jobs


class BusyCores:
    """One process per core spinning for as long as the block lasts."""

    def __enter__(self) -> BusyCores:
        self.hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
                     for _ in range(os.cpu_count() or 1)]
        return self

    def __exit__(self, *exc: object) -> None:
        for hog in self.hogs:
            hog.kill()
        for hog in self.hogs:
            hog.wait()


def run_all(jobs: list[dict], tmp_path: Path, runners: int) -> list[dict]:
    """The jobs shared among `runners` runner processes (they mostly wait on thread hand-offs)."""
    shares = [jobs[k::runners] for k in range(runners)]
    procs = []
    for k, share in enumerate(shares):
        (tmp_path / f"jobs{k}.json").write_text(json.dumps(share))
        with open(tmp_path / f"jobs{k}.json") as stdin, open(tmp_path / f"out{k}.jsonl", "w") as stdout:
            procs.append(subprocess.Popen([sys.executable, str(RUNNER)], stdin=stdin, stdout=stdout,
                                          env={**os.environ, "GPIOZERO_PIN_FACTORY": "mock"}))
    for proc in procs:
        assert proc.wait(timeout=1800) == 0, "the lab runner failed"
    return [json.loads(line) for k in range(runners)
            for line in (tmp_path / f"out{k}.jsonl").read_text().splitlines()]


def test_every_lab_variant_gets_the_same_score_20_times_on_busy_cores(tmp_path):
    jobs = lab_jobs(tmp_path / "weeks")
    assert len([j for j in jobs if j.get("solution")]) == len(LAB_WEEKS)
    with BusyCores():
        results = run_all(jobs, tmp_path, runners=2 * (os.cpu_count() or 1))
    by_job: dict[str, list[dict]] = defaultdict(list)
    for result in results:
        by_job[result["id"]].append(result)
    problems = []
    for job in jobs:
        runs = by_job[job["id"]]
        crashes = [r["crash"] for r in runs if "crash" in r]
        if len(runs) != REPEAT or crashes:
            problems.append(f"{job['id']}: {len(runs)} runs, crashes: {crashes[:1]}")
            continue
        outcomes = {(r["score"], json.dumps(r["failed"], sort_keys=True)) for r in runs}
        if len(outcomes) > 1:
            scores = sorted({r["score"] for r in runs})
            problems.append(f"{job['id']}: {len(outcomes)} different outcomes in {REPEAT} runs "
                            f"(scores {scores}): {sorted(outcomes)[:2]}")
        if job.get("solution") and any(r["score"] != r["max_score"] or r["failed"] for r in runs):
            bad = next(r for r in runs if r["failed"])
            problems.append(f"{job['id']} lost points: {bad['failed']}")
    assert not problems, "\n".join(problems)
