"""Where a student stands against the certificate rules, and exactly what is missing.

Works on per-notebook rows (from the gradebook or from coordinators' CSV exports), so
one centre's gradebook and several centres' merged exports are judged the same way.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from autograder.course.syllabus import Syllabus
from autograder.errors import PathwaysError
from autograder.gradebook.scores import NotebookRow


@dataclass(frozen=True)
class Rules:
    min_average: float = 60
    min_submitted: float = 80
    min_safety: float = 50
    min_capstone: float = 50
    distinction_average: float = 85


def load_rules(path: Path) -> Rules:
    """Rules from course/certificates.toml; the spec's defaults where it is silent."""
    if not path.exists():
        return Rules()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        completion, distinction = data.get("completion", {}), data.get("distinction", {})
        defaults = Rules()
        return Rules(
            min_average=float(completion.get("min_average", defaults.min_average)),
            min_submitted=float(completion.get("min_submitted", defaults.min_submitted)),
            min_safety=float(completion.get("min_safety", defaults.min_safety)),
            min_capstone=float(completion.get("min_capstone", defaults.min_capstone)),
            distinction_average=float(distinction.get("min_average", defaults.distinction_average)))
    except (tomllib.TOMLDecodeError, ValueError, TypeError) as err:
        raise PathwaysError(f"{path} is not a valid rules file ({err}); compare it with the "
                            "example in the README.") from None


@dataclass
class Standing:
    student_id: str
    weeks_total: int
    weeks_submitted: int
    average: float                              # percent over the course's graded weeks
    week_percent: dict[str, float | None]       # None = not submitted
    safety_percent: dict[str, float | None]     # module id -> percent (None = not submitted)
    capstone_percent: float | None
    missing: list[str] = field(default_factory=list)
    capstone_waiting: bool = False              # handed in; written parts not graded by hand yet
    level: str | None = None                    # "distinction", "completion" or None

    @property
    def submitted_percent(self) -> float:
        return 100 * self.weeks_submitted / self.weeks_total if self.weeks_total else 0.0


def _percent(score: float, max_score: float) -> float:
    return 100 * score / max_score if max_score else 0.0


def standing(student_id: str, rows: list[NotebookRow], syllabus: Syllabus, rules: Rules,
             *, final: bool = True) -> Standing:
    """Judge one student. `final=False` (mid-course) judges only what has been released so far:
    no capstone or safety module is missing before its week exists."""
    mine = [r for r in rows if r.student_id == student_id]
    weeks = sorted({r.assignment for r in rows})
    week_percent: dict[str, float | None] = {}
    mine = counted_rows(mine, syllabus)
    for week_id in weeks:
        nbs = [r for r in mine if r.assignment == week_id]
        submitted = [r for r in nbs if r.score is not None]
        total = sum(r.max_score for r in nbs)
        week_percent[week_id] = _percent(sum(r.score or 0.0 for r in submitted), total) if submitted else None
    done = [w for w, p in week_percent.items() if p is not None]
    average = sum(p or 0.0 for p in week_percent.values()) / len(weeks) if weeks else 0.0
    safety = _safety_percent(mine, syllabus, final=final, present=set(weeks))
    capstone = _capstone_percent(mine, syllabus)
    result = Standing(student_id, len(weeks), len(done), average, week_percent, safety, capstone,
                      capstone_waiting=any(r.waiting for r in mine if _is_capstone_row(r, syllabus)))
    capstone_released = any(_is_capstone_row(r, syllabus) for r in rows)
    result.missing = _missing(result, rules, final=final, capstone_released=capstone_released)
    if not result.missing:
        result.level = "distinction" if average >= rules.distinction_average else "completion"
    return result


def _safety_percent(rows, syllabus: Syllabus, *, final: bool, present: set[str]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for week in syllabus.weeks:
        if not week.safety or (not final and week.id not in present):
            continue
        row = next((r for r in rows if r.assignment == week.id and r.notebook == week.safety_notebook), None)
        if row is None and not final:
            continue  # the module's notebook is not in the gradebook yet
        out[week.safety.id] = _module_percent(row)
    return out


def _module_percent(row: NotebookRow | None) -> float | None:
    """The knowledge check's percent when the grades hold it, else the whole module's."""
    if row is None or row.score is None:
        return None
    if row.check_max and row.check_score is not None:
        return _percent(row.check_score, row.check_max)
    return _percent(row.score, row.max_score)


def counted_rows(rows: list[NotebookRow], syllabus: Syllabus) -> list[NotebookRow]:
    """One student's rows as they count: in a capstone week a student chooses ONE project
    and hands in only that notebook, so the projects they did not choose are left out. With
    several worked on, the best counts; with none (or only untouched ones, which nbgrader
    scores 0), one project stays as "not submitted"."""
    capstone_weeks = {w.id for w in syllabus.weeks if w.capstone}
    kept = [r for r in rows if not (r.assignment in capstone_weeks and _is_project(r))]
    for week_id in sorted(capstone_weeks):
        projects = [r for r in rows if r.assignment == week_id and _is_project(r)]
        # nbgrader scores every notebook of a hand-in, so the projects not chosen show 0 points.
        worked_on = [r for r in projects if r.score is not None and (r.score > 0 or r.waiting)]
        if worked_on:
            kept.append(max(worked_on, key=lambda r: _percent(r.score or 0.0, r.max_score)))
        elif projects:
            kept.append(replace(max(projects, key=lambda r: r.max_score), score=None, waiting=False))
    return kept


def _is_project(row: NotebookRow) -> bool:
    return row.notebook.startswith("project-")


def _is_capstone_row(row: NotebookRow, syllabus: Syllabus) -> bool:
    """A capstone project notebook: in a capstone week, and not that week's safety module."""
    capstone_weeks = {w.id for w in syllabus.weeks if w.capstone}
    return row.assignment in capstone_weeks and not row.notebook.startswith("safety-")


def _capstone_percent(rows, syllabus: Syllabus) -> float | None:
    parts = [r for r in rows if _is_capstone_row(r, syllabus)]
    if not parts or all(r.score is None for r in parts):
        return None
    return _percent(sum(r.score or 0.0 for r in parts), sum(r.max_score for r in parts))


def _missing(s: Standing, rules: Rules, *, final: bool, capstone_released: bool) -> list[str]:
    """Plain reasons, in the order a coordinator reads them. Mid-course the capstone counts
    only once a capstone project notebook is in the grades (week 24 opens with S8 alone)."""
    reasons = []
    if s.weeks_total and s.submitted_percent < rules.min_submitted:
        not_in = [week for week, p in s.week_percent.items() if p is None]
        reasons.append(f"{', '.join(not_in)} not submitted ({s.weeks_submitted} of {s.weeks_total} "
                       f"weeks, {s.submitted_percent:.0f} %; needs {rules.min_submitted:g} %)")
    if s.average < rules.min_average:
        reasons.append(f"average {s.average:.1f} % (needs {rules.min_average:g} %)")
    for module, percent in s.safety_percent.items():
        if percent is None:
            reasons.append(f"safety module {module} not submitted")
        elif percent < rules.min_safety:
            reasons.append(f"safety module {module} below {rules.min_safety:g} % ({percent:.0f} %)")
    if final or capstone_released:
        if s.capstone_waiting:
            reasons.append("capstone: waiting for hand grading")
        elif s.capstone_percent is None:
            reasons.append("capstone not submitted")
        elif s.capstone_percent < rules.min_capstone:
            reasons.append(f"capstone below {rules.min_capstone:g} % ({s.capstone_percent:.0f} %)")
    return reasons
