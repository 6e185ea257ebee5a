"""How long `autograder grade` takes for a lab week beside a lesson week, in the same run.

Each class is 30 submissions (right, partly right, wrong, untouched; see grade_class.py),
graded with `autograder grade` (sandbox on) in a fresh scratch course:

- week 1 (a lesson week: lesson + S1), and week 1's lesson notebook alone;
- the lab week's lab notebook alone, on virtual time (now) and on the real clock (before);
- the whole lab week (lesson + lab + safety module), on virtual time and on the real clock.

The real-clock runs set PATHWAYS_VIRTUAL_CLOCK=0, which is how grading ran before the
virtual clock. Week 1 uses no pins, so its notebooks run on the real clock either way.
Machines here are noisy: compare the rows of one run, not runs.

    .venv/bin/python benchmarks/grade_lab_class.py [--lab-week week13] [--students 30] [--quick]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grade_class import REPO, make_class, scores  # noqa: E402

from autograder.course.project import Project  # noqa: E402
from autograder.grade.week import default_jobs, grade_week  # noqa: E402
from autograder.gradebook.bridge import check, make_api  # noqa: E402
from hardware_labs.virtual_clock import ENV_VAR  # noqa: E402


@dataclass
class Row:
    what: str
    clock: str
    seconds: float
    points: float
    students: int

    def line(self) -> str:
        return (f"| {self.what} | {self.clock} | {self.seconds:.1f} s | "
                f"{self.seconds / self.students:.2f} s | {self.points:g} |")


def grade_class(week: str, students: int, *, notebook_prefix: str | None, virtual: bool,
                jobs: int | None, folder: Path) -> tuple[float, float]:
    """Seconds to grade a fresh class of `students` (only notebooks starting with the prefix)."""
    project = Project(REPO).scratch_copy([week], folder)
    check(make_api(project).generate_assignment(week, force=True, create=True), "releasing")
    make_class(project, week, students)
    if notebook_prefix:
        for path in project.submitted.glob(f"*/{week}/*.ipynb"):
            if not path.name.startswith(notebook_prefix):
                path.unlink()
    os.environ[ENV_VAR] = "1" if virtual else "0"
    try:
        started = time.perf_counter()
        grade_week(project, week, jobs=jobs)
        seconds = time.perf_counter() - started
    finally:
        os.environ.pop(ENV_VAR, None)
    return seconds, sum(scores(project, week).values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson-week", default="week01")
    parser.add_argument("--lab-week", default="week13")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--quick", action="store_true", help="skip the whole lab week on the real clock")
    args = parser.parse_args()
    n, rows = args.students, []
    plan = [(f"{args.lesson_week} (lesson + safety)", args.lesson_week, None, True),
            (f"{args.lesson_week} lesson notebook", args.lesson_week, "lesson-", True),
            (f"{args.lab_week} lab notebook", args.lab_week, "lab-", True),
            (f"{args.lab_week} lab notebook", args.lab_week, "lab-", False),
            (f"{args.lab_week} (lesson + lab + safety)", args.lab_week, None, True)]
    if not args.quick:
        plan.append((f"{args.lab_week} (lesson + lab + safety)", args.lab_week, None, False))
    with tempfile.TemporaryDirectory(prefix="pathways-lab-bench-") as tmp:
        for k, (what, week, prefix, virtual) in enumerate(plan):
            seconds, points = grade_class(week, n, notebook_prefix=prefix, virtual=virtual,
                                          jobs=args.jobs, folder=Path(tmp) / f"course{k}")
            rows.append(Row(what, "now: virtual clock" if virtual else "before: real clock", seconds,
                            points, n))
            print(rows[-1].line(), flush=True)
    print(f"\n{n} submissions a class, {os.cpu_count()} CPU cores, {args.jobs or default_jobs()} jobs, "
          "sandbox on")
    print(f"| class of {n} | grading | time | per submission | points in all |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(row.line())
    lab = {r.clock.split(":")[0]: r for r in rows if r.what == f"{args.lab_week} lab notebook"}
    lesson = next(r for r in rows if r.what == f"{args.lesson_week} lesson notebook")
    print(f"\nlab notebook vs {args.lesson_week} lesson notebook, per submission: "
          f"{lab['now'].seconds / n:.2f} s vs {lesson.seconds / n:.2f} s "
          f"(ratio {lab['now'].seconds / lesson.seconds:.2f}); "
          f"lab on the real clock: {lab['before'].seconds / n:.2f} s")
    if lab["now"].points != lab["before"].points:
        print(f"note: the lab class scored {lab['now'].points:g} points on virtual time and "
              f"{lab['before'].points:g} on the real clock")


if __name__ == "__main__":
    main()
