"""The coordinator's progress report: who is doing well, who is falling behind and why.

An HTML page (opens offline: no CDN, charts are PNG files beside it) and a CSV of the
student table, from the gradebook or from merged per-notebook exports.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from autograder.charts import bar_chart, histogram
from autograder.eligibility import Rules, Standing, standing
from autograder.feedback_model import exercise_titles
from autograder.gradebook_health import check_gradebook
from autograder.grades_file import Grades
from autograder.nbgrader_api import gradebook
from autograder.pages import render
from autograder.project import Project
from autograder.syllabus import Syllabus

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
    with gradebook(project) as book:
        for assignment in book.assignments:
            for submission in assignment.submissions:
                for nb in submission.notebooks:
                    for grade in nb.grades:
                        if grade.max_score:
                            entry = totals[(assignment.name, nb.name, grade.name)]
                            entry[0] += grade.score or 0.0
                            entry[1] += grade.max_score
                            entry[2] += 1
    rows = [{"week": w, "notebook": n, "exercise": g.removesuffix("_tests"),
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
        counts = defaultdict(int)
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
        percents = [l.standing.week_percent.get(week) for l in lines]
        done = [p for p in percents if p is not None]
        averages.append(sum(done) / len(done) if done else 0.0)
        submitted.append(100 * len(done) / len(lines) if lines else 0.0)
    made = [
        bar_chart(charts / "average-by-week.png", weeks, averages,
                  title="Average score by week (students who handed in)", ylabel="average %"),
        bar_chart(charts / "submissions-by-week.png", weeks, submitted,
                  title="Share of students who handed in, by week", ylabel="% of students"),
        histogram(charts / "averages.png", [l.standing.average for l in lines],
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
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(TABLE_COLUMNS)
        for l in lines:
            writer.writerow([l.student_id, l.name, l.centre, l.batch, l.standing.weeks_submitted,
                             l.standing.weeks_total, f"{l.standing.average:.1f}", l.safety_passed,
                             l.capstone, l.status, "; ".join(l.standing.missing)])
