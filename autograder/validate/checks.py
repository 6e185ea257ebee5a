"""Prove a week's notebooks are honest: the checks every week must pass, every run.

Static checks read the source notebooks (grade ids, points, hidden tests, names).
The grading checks copy the weeks into a scratch course, generate the release there,
and autograde three kinds of "student" with the real grader: the source solutions
(full marks, no errors), the untouched release (zero), and each known wrong answer
(less than full marks).
"""
from __future__ import annotations

import ast
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.course.project import Project
from autograder.course.secrets import leaked, secret_lines
from autograder.grade.week import grade_weeks
from autograder.gradebook.bridge import StudentRecord, check, make_api, save_students
from autograder.gradebook.scores import notebook_scores
from autograder.handins.release import release_drift
from autograder.validate.synthetic import filled_release

GRADE_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
NOTEBOOK_NAME = re.compile(r"^(lesson|lab|safety|project)-[a-z0-9-]+\.ipynb$")
MIN_POINTS, MAX_POINTS = 5, 20
SOLUTION_STUDENT, UNTOUCHED_STUDENT = "check-solutions", "check-untouched"


@dataclass(frozen=True)
class WrongAnswer:
    """A typical mistake: `code` replaces the solution cell `cell` of `notebook`."""

    week: str
    notebook: str
    cell: str
    mistake: str
    code: str

    @property
    def student_id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.mistake.lower()).strip("-")[:40]
        return f"wrong-{self.cell.replace('_', '-')}-{slug}"


@dataclass
class WeekReport:
    week: str
    problems: list[str] = field(default_factory=list)
    solution_scores: dict[str, tuple[float, float]] = field(default_factory=dict)
    untouched_scores: dict[str, tuple[float, float]] = field(default_factory=dict)
    # (notebook name without .ipynb, mistake) -> (score, max score)
    wrong_scores: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)


def load_wrong_answers(path: Path) -> list[WrongAnswer]:
    """Wrong answers from a TOML file with [[wrong]] tables, named weekNN[-part].toml."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    week = path.stem.split("-")[0]
    return [WrongAnswer(week, w["notebook"], w["cell"], w["mistake"], w["code"])
            for w in data.get("wrong", [])]


# -- static checks ---------------------------------------------------------------------
def static_problems(project: Project, week_id: str) -> list[str]:
    """Everything wrong with a week's source that can be seen without running it."""
    notebooks = project.source_notebooks(week_id)
    if not notebooks:
        return [f"{week_id}: course/source/{week_id}/ has no notebooks"]
    problems = []
    hidden, solutions = secret_lines(project.source / week_id)
    for path in notebooks:
        problems += _notebook_problems(week_id, path)
        problems += _quoted_secrets(week_id, path, hidden, solutions)
    return problems


def _quoted_secrets(week_id: str, path: Path, hidden: set[str], solutions: set[str]) -> list[str]:
    """Test messages that quote a hidden test line or a solution line. Feedback shows test
    messages, and its last guard refuses a page with a secret line on it, so such a message
    would stop the whole class's feedback: say it in words instead."""
    problems = []
    for number, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1):
        if cell.cell_type != "code" or "### BEGIN HIDDEN TESTS" not in cell.source:
            continue
        for secret in leaked("\n".join(_message_texts(cell.source)), hidden, solutions):
            problems.append(f"{week_id}/{path.name} cell {number}: a test message quotes the hidden or "
                            f"solution line {secret!r}; feedback would refuse to show it, so say it in words")
    return problems


def _message_texts(source: str) -> list[str]:
    """The fixed text of every string in a cell (an f-string's parts between its {…})."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            texts.append("".join(v.value for v in node.values
                                 if isinstance(v, ast.Constant) and isinstance(v.value, str)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            texts.append(node.value)
    return texts


def _notebook_problems(week_id: str, path: Path) -> list[str]:
    where = f"{week_id}/{path.name}"
    problems = []
    if not NOTEBOOK_NAME.match(path.name):
        problems.append(f"{where}: name should be lesson-/lab-/safety-/project-<words>.ipynb")
    nb = nbformat.read(path, as_version=4)
    seen: set[str] = set()
    total = 0.0
    for number, cell in enumerate(nb.cells, start=1):
        meta = cell.metadata.get("nbgrader", {})
        at = f"{where} cell {number}"
        if cell.cell_type == "code" and cell.get("outputs"):
            problems.append(f"{at}: source cells must be saved without outputs")
        if not meta:
            continue
        grade_id = meta.get("grade_id", "")
        if grade_id in seen:
            problems.append(f"{at}: grade id '{grade_id}' is used twice")
        seen.add(grade_id)
        if not GRADE_ID.match(grade_id):
            problems.append(f"{at}: grade id '{grade_id}' should read like q3_total_cost")
        if meta.get("grade"):
            points = meta.get("points") or 0
            total += points
            if points <= 0:
                problems.append(f"{at}: graded cell '{grade_id}' has no points")
            if cell.cell_type == "code" and "### BEGIN HIDDEN TESTS" not in cell.source:
                problems.append(f"{at}: test cell '{grade_id}' has no hidden tests")
            if cell.cell_type == "code" and not grade_id.endswith("_tests"):
                problems.append(f"{at}: test cell id '{grade_id}' should end in _tests")
        if meta.get("solution") and cell.cell_type == "code" and "### BEGIN SOLUTION" not in cell.source:
            problems.append(f"{at}: solution cell '{grade_id}' has no BEGIN SOLUTION marker")
    if not MIN_POINTS <= total <= MAX_POINTS:
        problems.append(f"{where}: total points {total:g} should be between {MIN_POINTS} and {MAX_POINTS}")
    return problems


# -- grading checks --------------------------------------------------------------------


def _write_submission(scratch: Project, student: str, week_id: str, notebooks: dict[str, object]) -> None:
    folder = scratch.submitted / student / week_id
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / name)
    (folder / "timestamp.txt").write_text("2027-01-01 10:00:00.000000 UTC")


def check_weeks(project: Project, week_ids: list[str], scratch_dir: Path,
                wrong_answers: Sequence[WrongAnswer] = (), jobs: int | None = None) -> dict[str, WeekReport]:
    """Run the grading checks for the weeks; every problem is named in the reports."""
    scratch = project.scratch_copy(week_ids, scratch_dir)
    api = make_api(scratch)
    reports = {w: WeekReport(w) for w in week_ids}
    with_students: dict[str, list[str]] = {}
    for week_id in week_ids:
        check(api.generate_assignment(week_id, force=True, create=True), f"generating {week_id}")
        reports[week_id].problems += release_drift(project, scratch, week_id)
        _write_submission(scratch, SOLUTION_STUDENT, week_id,
                          {p.name: nbformat.read(p, as_version=4) for p in scratch.source_notebooks(week_id)})
        _write_submission(scratch, UNTOUCHED_STUDENT, week_id,
                          {p.name: nbformat.read(p, as_version=4) for p in scratch.release_notebooks(week_id)})
        students = [SOLUTION_STUDENT, UNTOUCHED_STUDENT]
        for wrong in (w for w in wrong_answers if w.week == week_id):
            if not (scratch.source / week_id / wrong.notebook).exists():
                reports[week_id].problems.append(f"{week_id}: wrong answer '{wrong.mistake}' names "
                                                 f"a missing notebook {wrong.notebook}")
                continue
            # Only the notebook that holds the mistake: a week's other notebooks (a 15-second lab)
            # would be graded again for nothing. nbgrader scores the missing ones as 0.
            filled = filled_release(scratch, week_id, {(wrong.notebook, wrong.cell): wrong.code})
            _write_submission(scratch, wrong.student_id, week_id, {wrong.notebook: filled[wrong.notebook]})
            students.append(wrong.student_id)
        add_students(scratch, students)
        with_students[week_id] = students
    # A kernel spends much of its life starting up and waiting on messages, so more kernels
    # than cores keep the machine busy. Lab notebooks run on virtual time while grading
    # (hardware_labs/virtual_clock.py): a busy machine cannot change their timings.
    jobs = jobs or 2 * (os.cpu_count() or 1) + 1
    for week_id, results in grade_weeks(scratch, with_students, jobs=jobs).items():
        _judge(scratch, week_id, reports[week_id], results, wrong_answers)
    return reports


def add_students(scratch: Project, students: list[str]) -> None:
    """Create the check students in the scratch gradebook (grading never invents students)."""
    save_students(scratch, [StudentRecord(sid, "", "", "") for sid in students])


def _judge(scratch: Project, week_id: str, report: WeekReport, results, wrong_answers) -> None:
    scores = notebook_scores(scratch, week_id)
    by_student = {r.student_id: r for r in results}
    for result in results:
        if result.error:
            report.problems.append(f"{week_id}: grading {result.student_id} failed: {result.error}")
    full = {p.stem: auto_points(p) for p in scratch.source_notebooks(week_id)}
    for row in scores.get(SOLUTION_STUDENT, []):
        report.solution_scores[row.notebook] = (row.score, full.get(row.notebook, row.max_score))
        if row.score != full.get(row.notebook, row.max_score):
            report.problems.append(f"{week_id}/{row.notebook}.ipynb: source solutions earn "
                                   f"{row.score:g} of {full.get(row.notebook, row.max_score):g}"
                                   f"{_failing_cells(scratch, week_id, row.notebook)}")
        if row.max_score > full.get(row.notebook, row.max_score) and not row.waiting:
            report.problems.append(f"{week_id}/{row.notebook}.ipynb: its written answers and rubric "
                                   "items do not show in formgrader as needing a grade")
    report.problems += [f"{week_id}/{p}" for p in _errored_cells(scratch, week_id)]
    for row in scores.get(UNTOUCHED_STUDENT, []):
        report.untouched_scores[row.notebook] = (row.score, row.max_score)
        if row.score != 0:
            report.problems.append(f"{week_id}/{row.notebook}.ipynb: the untouched release earns "
                                   f"{row.score:g} points; it must earn 0")
    for wrong in (w for w in wrong_answers if w.week == week_id):
        rows = [r for r in scores.get(wrong.student_id, []) if f"{r.notebook}.ipynb" == wrong.notebook]
        if wrong.student_id not in by_student or not rows:
            continue
        score, max_score = rows[0].score, full.get(rows[0].notebook, rows[0].max_score)
        report.wrong_scores[(Path(wrong.notebook).stem, wrong.mistake)] = (score, max_score)
        if score >= max_score:
            report.problems.append(f"{week_id}/{wrong.notebook} {wrong.cell}: the wrong answer "
                                   f"'{wrong.mistake}' earns full marks ({score:g}/{max_score:g})")


def auto_points(path: Path) -> float:
    """Points the autograder can give: test cells. Written answers and rubric tasks (capstone)
    wait for the instructor in formgrader, so the source solutions earn exactly these."""
    nb = nbformat.read(path, as_version=4)
    return sum(c.metadata["nbgrader"].get("points") or 0 for c in nb.cells
               if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
               and not c.metadata["nbgrader"].get("solution"))


def _failing_cells(scratch: Project, week_id: str, notebook: str) -> str:
    path = scratch.autograded / SOLUTION_STUDENT / week_id / f"{notebook}.ipynb"
    if not path.exists():
        return ""
    nb = nbformat.read(path, as_version=4)
    failing = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade")
               and any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    return f" (failing: {', '.join(failing)})" if failing else ""


def _errored_cells(scratch: Project, week_id: str) -> list[str]:
    """Cells of the source solutions that raised an error when run top to bottom."""
    out = []
    for path in sorted((scratch.autograded / SOLUTION_STUDENT / week_id).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for number, cell in enumerate(nb.cells, start=1):
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error":
                    out.append(f"{path.name} cell {number}: the source raised {o.get('ename')}: "
                               f"{str(o.get('evalue'))[:150]}")
    return out


def wrong_answers_for(project: Project, week_ids: list[str]) -> list[WrongAnswer]:
    """The known wrong answers of these weeks, from course/checks/wrong_answers/."""
    folder = project.wrong_answers
    out: list[WrongAnswer] = []
    for week_id in week_ids:
        for path in sorted(folder.glob(f"{week_id}*.toml")):
            out += load_wrong_answers(path)
    return out
