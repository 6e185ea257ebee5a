"""Feedback students learn from: one page per notebook, and a progress page per student.

nbgrader's own feedback shows the source of hidden tests, so these pages are built from
the autograded notebooks and the gradebook instead (see feedback_model). They go to
`to`/<student>/<week>/<notebook>.html and `to`/<student>/index.html.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.course.project import Project
from autograder.course.secrets import leaked, page_text, secret_lines, submission_text
from autograder.course.syllabus import Syllabus
from autograder.eligibility import Standing, load_rules, standing
from autograder.errors import PathwaysError
from autograder.feedback.model import NotebookFeedback, notebook_feedback
from autograder.gradebook.bridge import cell_grades
from autograder.gradebook.roster import load_roster
from autograder.gradebook.scores import NotebookRow, notebook_rows
from autograder.render.html import render


def _grades(project: Project, week_id: str, student_id: str, notebook: str) -> dict[str, tuple[float, float]]:
    return {g.grade_id: (g.score, g.max_score)
            for g in cell_grades(project, week_id, student_id, notebook)}


def week_feedback(project: Project, week_id: str, student_id: str) -> list[NotebookFeedback]:
    folder = project.autograded / student_id / week_id
    return [notebook_feedback(path, _grades(project, week_id, student_id, path.stem))
            for path in sorted(folder.glob("*.ipynb"))]


def write_feedback(project: Project, week_id: str, to: Path) -> list[Path]:
    """Pages for every graded student of the week, plus each one's progress page."""
    week = project.syllabus.week(week_id)
    roster = load_roster(project)
    hidden, solutions = secret_lines(project.source / week_id)
    written = []
    rows = notebook_rows(project)  # the whole gradebook, read once for every progress page
    for student_id in project.submitted_students(week_id):
        if not (project.autograded / student_id / week_id).is_dir():
            continue
        name = roster[student_id].name if student_id in roster else student_id
        own = submission_text(project.submitted / student_id / week_id)
        for fb in week_feedback(project, week_id, student_id):
            target = to / student_id / week_id / fb.notebook.replace(".ipynb", ".html")
            render("notebook_feedback.html.j2", target, fb=fb, week=week, student_name=name)
            _guard(target, hidden, solutions, own)
            written.append(target)
        written.append(write_progress_page(project, student_id, to, rows))
    return written


def _guard(page: Path, hidden: set[str], solutions: set[str], own: str) -> None:
    """Never leave a page that shows a hidden test or a solution on the way to a student."""
    secrets = leaked(page_text(page), hidden, solutions, own)
    if secrets:
        page.unlink()
        raise PathwaysError(f"{page} would show hidden tests or a solution ({secrets[0]!r}); it was "
                            "not written. Please report this to the Pathways developers.")


@dataclass(frozen=True)
class PageLink:
    label: str
    href: str


@dataclass(frozen=True)
class WeekLine:
    """One week on the progress page: its bar, its score and links to its feedback pages."""

    id: str
    title: str
    percent: float | None  # None = not handed in
    score: float
    max_score: float
    links: list[PageLink]


@dataclass(frozen=True)
class ReviewItem:
    text: str
    link: str | None = None  # the feedback page that explains it, when there is one


@dataclass(frozen=True)
class SafetyLine:
    id: str
    title: str
    state: str


def write_progress_page(project: Project, student_id: str, to: Path,
                        rows: list[NotebookRow] | None = None) -> Path:
    """Every week so far with a bar, safety modules, what to review, the certificate rules.
    `rows` is the gradebook as notebook_rows reads it (read here when not given)."""
    syllabus = project.syllabus
    rules = load_rules(project.certificate_rules_file)
    rows = notebook_rows(project) if rows is None else rows
    mine = standing(student_id, rows, syllabus, rules, final=False)
    roster = load_roster(project)
    weeks: list[WeekLine] = []
    review: list[ReviewItem] = []
    for week in syllabus.weeks:
        if week.id not in mine.week_percent:
            continue
        nbs = [r for r in rows if r.student_id == student_id and r.assignment == week.id]
        done = [r for r in nbs if r.score is not None]
        graded = week_feedback(project, week.id, student_id) if (
            project.autograded / student_id / week.id).is_dir() else []
        links = [PageLink(fb.title, f"{week.id}/{fb.notebook.replace('.ipynb', '.html')}")
                 for fb in graded if (to / student_id / week.id / fb.notebook.replace(".ipynb", ".html")).exists()]
        weeks.append(WeekLine(week.id, week.title, mine.week_percent[week.id],
                              sum(r.score or 0.0 for r in done), sum(r.max_score for r in nbs), links))
        if mine.week_percent[week.id] is None:
            review.append(ReviewItem(f"{week.id} ({week.title}) is not handed in yet."))
        for fb in graded:
            href = f"{week.id}/{fb.notebook.replace('.ipynb', '.html')}"
            review += [ReviewItem(f"{week.id} · {fb.title} · {ex.title}"
                                  + (f" — see “{ex.section}”" if ex.section else ""),
                                  href if any(link.href == href for link in links) else None)
                       for ex in fb.exercises if not ex.passed]
    safety = [SafetyLine(m, syllabus.safety_modules[m].title, _safety_state(p, rules.min_safety))
              for m, p in mine.safety_percent.items()]
    name = roster[student_id].name if student_id in roster else student_id
    return render("progress.html.j2", to / student_id / "index.html", student_name=name,
                  course_name=syllabus.course_name, standing=mine, weeks=weeks, safety=safety,
                  review=review[-8:], rules=rules, to_come=still_to_come(syllabus, mine))


def still_to_come(syllabus: Syllabus, mine: Standing) -> list[str]:
    """What the certificate needs that the course has not reached yet: a page mid-course
    must not say "you meet every rule" as if the safety modules and capstone were done."""
    modules = [m for m in syllabus.safety_modules if m not in mine.safety_percent]
    out = [("safety module " if len(modules) == 1 else "safety modules ") + ", ".join(modules)] if modules else []
    if mine.capstone_percent is None and any(w.capstone for w in syllabus.weeks):
        out.append("the capstone project")
    return out


def _safety_state(percent: float | None, pass_mark: float) -> str:
    if percent is None:
        return "not handed in"
    return "done ✓" if percent >= pass_mark else f"{percent:.0f} %: try the knowledge check again"
