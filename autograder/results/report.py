"""The coordinator's progress report: who is doing well, who is falling behind and why.

An HTML page (opens offline: no CDN, charts are PNG files beside it) and a CSV of the
student table, from the gradebook or from merged per-notebook exports.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder import safe_files
from autograder.course.project import Project
from autograder.course.syllabus import Syllabus
from autograder.eligibility import Rules, Standing, standing
from autograder.feedback.model import exercise_titles
from autograder.gradebook.bridge import cell_grades
from autograder.gradebook.health import check_gradebook
from autograder.render.charts import bar_chart, histogram
from autograder.render.html import render
from autograder.results.grades_file import Grades

TABLE_COLUMNS = ("student_id", "name", "centre", "batch", "weeks_submitted", "weeks_graded",
                 "average", "safety_passed", "capstone", "status", "why")


@dataclass
class StudentLine:
    student_id: str
    name: str
    centre: str
    batch: str
    standing: Standing
    status: str
    safety_passed: str
    capstone: str


def course_is_over(grades: Grades, syllabus: Syllabus) -> bool:
    present = {r.assignment for r in grades.rows}
    return all(w.id in present for w in syllabus.weeks)


def student_lines(grades: Grades, syllabus: Syllabus, rules: Rules, *, final: bool) -> list[StudentLine]:
    lines = []
    for sid in sorted(grades.students):
        info = grades.students[sid]
        s = standing(sid, grades.rows, syllabus, rules, final=final)
        if final:
            status = {"distinction": "distinction", "completion": "eligible"}.get(s.level or "", "not yet eligible")
        else:
            status = "on track" if not s.missing else "at risk"
        passed = sum(1 for p in s.safety_percent.values() if p is not None and p >= rules.min_safety)
        capstone = ("waiting for hand grading" if s.capstone_waiting
                    else "—" if s.capstone_percent is None else f"{s.capstone_percent:.0f} %")
        lines.append(StudentLine(sid, info.name, info.centre, info.batch, s, status,
                                 f"{passed} of {len(s.safety_percent)}", capstone))
    return lines


def hardest_exercises(project: Project, limit: int = 10) -> list[dict]:
    """Grade cells with the lowest average score across all graded submissions."""
    totals: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for g in cell_grades(project):
        if g.max_score:
            entry = totals[(g.assignment, g.notebook, g.grade_id)]
            entry[0] += g.score
            entry[1] += g.max_score
            entry[2] += 1
    rows: list[dict[str, Any]] = [{"week": w, "notebook": n, "exercise": g.removesuffix("_tests"),
                                   "average": 100 * got / most, "submissions": count}
                                  for (w, n, g), (got, most, count) in totals.items()]
    rows = sorted(rows, key=lambda r: r["average"])[:limit]
    titles: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:  # the names students read on their feedback pages, from the source notebook
        path = project.source / row["week"] / f"{row['notebook']}.ipynb"
        known = titles.setdefault((row["week"], row["notebook"]), exercise_titles(path) if path.exists() else {})
        row["title"] = known.get(f"{row['exercise']}_tests", known.get(row["exercise"], row["exercise"]))
    return rows


def _groups(lines: list[StudentLine]) -> list[dict]:
    groups: dict[tuple[str, str], list[StudentLine]] = defaultdict(list)
    for line in lines:
        groups[(line.centre, line.batch)].append(line)
    out = []
    for (centre, batch), members in sorted(groups.items()):
        counts: dict[str, int] = defaultdict(int)
        for m in members:
            counts[m.status] += 1
        out.append({"centre": centre or "—", "batch": batch or "—", "students": len(members),
                    "average": sum(m.standing.average for m in members) / len(members),
                    "counts": dict(sorted(counts.items()))})
    return out


def _week_charts(grades: Grades, syllabus: Syllabus, lines: list[StudentLine], charts: Path) -> list[dict]:
    weeks = [w.id for w in syllabus.weeks if any(r.assignment == w.id for r in grades.rows)]
    averages, submitted = [], []
    for week in weeks:
        percents = [s.standing.week_percent.get(week) for s in lines]
        done = [p for p in percents if p is not None]
        averages.append(sum(done) / len(done) if done else 0.0)
        submitted.append(100 * len(done) / len(lines) if lines else 0.0)
    made = [
        bar_chart(charts / "average-by-week.png", weeks, averages,
                  title="Average score by week (students who handed in)", ylabel="average %"),
        bar_chart(charts / "submissions-by-week.png", weeks, submitted,
                  title="Share of students who handed in, by week", ylabel="% of students"),
        histogram(charts / "averages.png", [s.standing.average for s in lines],
                  title="How students' averages are spread", xlabel="average % over graded weeks"),
    ]
    return [{"file": f"charts/{p.name}", "title": p.stem.replace("-", " ")} for p in made]


def write_report(to: Path, grades: Grades, syllabus: Syllabus, rules: Rules, *,
                 project: Project | None = None, final: bool | None = None) -> Path:
    """Write to/index.html, to/students.csv and to/charts/*.png; returns the page."""
    final = course_is_over(grades, syllabus) if final is None else final
    lines = student_lines(grades, syllabus, rules, final=final)
    charts = _week_charts(grades, syllabus, lines, to / "charts")
    _write_table(to / "students.csv", lines)
    hardest = hardest_exercises(project) if project and check_gradebook(project) else []
    return render("report.html.j2", to / "index.html", course_name=syllabus.course_name,
                  final=final, groups=_groups(lines), lines=lines, charts=charts, hardest=hardest,
                  rules=rules)


def _write_table(path: Path, lines: list[StudentLine]) -> None:
    with safe_files.replacing(path) as partial, partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(TABLE_COLUMNS)
        for s in lines:
            writer.writerow([s.student_id, s.name, s.centre, s.batch, s.standing.weeks_submitted,
                             s.standing.weeks_total, f"{s.standing.average:.1f}", s.safety_passed,
                             s.capstone, s.status, "; ".join(s.standing.missing)])
