"""How long grading a class of 30 takes: plain `nbgrader autograde` against `autograder grade`.

Both grade the same 30 submissions of a real course week (right, partly right, wrong and
blank answers) in the same run, and their scores must be identical. It prints both times,
the ratio, seconds per submission, and where our time goes (kernel start, the rest).
Machines here are noisy: compare the ratio, not the seconds.

    .venv/bin/python benchmarks/grade_class.py [--week week01] [--students 30] [--jobs N]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.course.project import Project
from autograder.grade.week import default_jobs, grade_week
from autograder.gradebook.bridge import check, gradebook, make_api
from autograder.gradebook.scores import notebook_scores
from autograder.validate.checks import wrong_answers_for
from autograder.validate.synthetic import answer_cells, filled_release

REPO = Path(__file__).resolve().parents[1]


def make_class(project: Project, week: str, count: int) -> None:
    """`count` submissions: a quarter each right, half right, one mistake, untouched."""
    cells = answer_cells(project, week)
    wrong = [{(w.notebook, w.cell): w.code} for w in wrong_answers_for(Project(REPO), [week])]
    with gradebook(project) as book:
        for n in range(count):
            sid = f"S{n:03d}"
            book.update_or_create_student(sid)
            kind = n % 4
            answers = ({} if kind == 0 else {c: None for c in cells[len(cells) // 2:]} if kind == 1
                       else (wrong[n % len(wrong)] if wrong else {}) if kind == 2 else {c: None for c in cells})
            folder = project.submitted / sid / week
            folder.mkdir(parents=True)
            (folder / "timestamp.txt").write_text("2027-01-08 10:00:00.000000")
            for name, nb in filled_release(project, week, answers).items():
                nbformat.write(nb, folder / name)


def scores(project: Project, week: str) -> dict[str, float]:
    return {sid: sum(r.score for r in rows) for sid, rows in notebook_scores(project, week).items()}


def time_plain(project: Project, week: str) -> float:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    started = time.perf_counter()
    subprocess.run(["nbgrader", "autograde", week, "--force"], cwd=project.root, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def kernel_start_seconds(sandbox: bool, cwd: Path, rounds: int = 5) -> float:
    """Average wall time to start a kernel, wait until ready, and stop it."""
    from jupyter_client.manager import AsyncKernelManager

    from autograder.grade.sandbox import SandboxKernelManager

    async def once() -> None:
        km = SandboxKernelManager(hidden_paths=[]) if sandbox else AsyncKernelManager()
        await km.start_kernel(cwd=str(cwd))
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=60)
        kc.stop_channels()
        await km.shutdown_kernel(now=True)

    started = time.perf_counter()
    for _ in range(rounds):
        asyncio.run(once())
    return (time.perf_counter() - started) / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--week", default="week01")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--no-sandbox", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pathways-bench-") as tmp:
        project = Project(REPO).scratch_copy([args.week], Path(tmp) / "course")
        check(make_api(project).generate_assignment(args.week, force=True, create=True), "releasing")
        make_class(project, args.week, args.students)

        plain = time_plain(project, args.week)
        plain_scores = scores(project, args.week)
        shutil.rmtree(project.autograded)

        started = time.perf_counter()
        grade_week(project, args.week, jobs=args.jobs, sandbox=not args.no_sandbox)
        ours = time.perf_counter() - started
        our_scores = scores(project, args.week)

        kernel = kernel_start_seconds(not args.no_sandbox, Path(tmp))
    n = args.students
    jobs = args.jobs or default_jobs()
    print(f"week {args.week}, {n} submissions, {os.cpu_count()} CPU cores, {jobs} jobs, "
          f"sandbox {'off' if args.no_sandbox else 'on'}")
    print(f"plain nbgrader autograde: {plain:6.1f} s  ({plain / n:.2f} s a submission)")
    print(f"autograder grade:         {ours:6.1f} s  ({ours / n:.2f} s a submission)")
    print(f"ratio:                    {plain / ours:6.2f}x faster")
    print(f"kernel start+stop:        {kernel:6.2f} s wall each; x{n} = {kernel * n:.1f} s of "
          f"the {ours * jobs:.1f} worker-seconds; the rest is nbgrader's own work and cell execution")
    same = plain_scores == our_scores
    print(f"scores identical:         {same} ({sum(our_scores.values()):g} points in all)")
    if not same:
        diff = {s: (plain_scores.get(s), our_scores.get(s)) for s in plain_scores
                if plain_scores.get(s) != our_scores.get(s)}
        print(f"  differing: {diff}")
        sys.exit(1)


if __name__ == "__main__":
    main()
