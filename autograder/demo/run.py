"""`autograder demo`: the whole weekly cycle on a demo class, in a fresh course folder.

It copies the course's config, syllabus and one week's source into a new folder, imports
30 fictional students, releases the week, lets each student hand in a zip with the same
code their Pi uses, then collects, grades, writes feedback and exports, and checks each
score against what the student's work deserves.
"""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
from rich.console import Console

from autograder.course.project import Project, find_project
from autograder.demo.students import DemoStudent, demo_students, write_roster
from autograder.errors import PathwaysError
from autograder.feedback.pages import write_feedback
from autograder.grade.week import grade_week
from autograder.gradebook.roster import import_roster
from autograder.handins.collect import collect_week
from autograder.handins.merge import Collected
from autograder.handins.release import release_week
from autograder.handins.submit import submit_week
from autograder.render.tables import names_last_table
from autograder.results.export import export_grades
from autograder.validate.checks import wrong_answers_for
from autograder.validate.synthetic import answer_cells, filled_release

MARKER = ".pathways-demo"
DEMO_WEEK = "week01"


def fresh_demo_folder(to: Path, here: Project) -> Project:
    """Make `to` a new course; only a folder made by an earlier demo may be replaced."""
    if to.exists():
        if not (to / MARKER).exists():
            raise PathwaysError(f"{to} already exists and is not a demo folder; choose another "
                                "place with --to.")
        shutil.rmtree(to)
    project = Project(to.resolve())
    project.source.mkdir(parents=True)
    (to / MARKER).write_text("made by `autograder demo`; safe to delete\n")
    shutil.copy2(here.config_file, project.config_file)
    shutil.copy2(here.syllabus_file, project.syllabus_file)
    shutil.copytree(here.source / DEMO_WEEK, project.source / DEMO_WEEK)
    return project


def _answers_for(project: Project, student: DemoStudent, wrong_code: dict) -> dict:
    cells = answer_cells(project, DEMO_WEEK)
    if student.kind == "blank":
        return {cell: None for cell in cells}
    if student.kind == "partial":
        return {cell: None for cell in cells[len(cells) // 2:]}
    if student.kind == "wrong":
        return dict(wrong_code)
    return {}


def hand_in(project: Project, students: list[DemoStudent], usb: Path, wrong_code: list[dict]) -> None:
    """Each student's Pi: fill the notebooks, then `autograder submit` to the USB folder."""
    due = project.syllabus.week(DEMO_WEEK).due_date
    on_time = dt.datetime.combine(due - dt.timedelta(days=2), dt.time(16, 30))
    wrong_index = 0
    with tempfile.TemporaryDirectory(prefix="pathways-pi-") as pis:
        for number, student in enumerate(students):
            if student.kind == "none":
                continue
            answers = {}
            if student.kind == "wrong" and wrong_code:
                answers = _answers_for(project, student, wrong_code[wrong_index % len(wrong_code)])
                wrong_index += 1
            elif student.kind != "wrong":
                answers = _answers_for(project, student, {})
            folder = Path(pis) / student.id / DEMO_WEEK
            folder.mkdir(parents=True)
            for name, nb in filled_release(project, DEMO_WEEK, answers).items():
                nbformat.write(nb, folder / name)
            when = on_time + dt.timedelta(minutes=number)
            if student.kind == "late":
                when += dt.timedelta(days=4)
            path = submit_week(DEMO_WEEK, usb, student_id=student.id, source=folder, now=when)
            if student.kind == "corrupt":
                path.write_bytes(path.read_bytes()[:200])  # a stick pulled out mid-copy
        # One student handed in twice: the older copy must be skipped, not graded.
        first = next(s for s in students if s.kind == "full")
        older = usb / "older"
        older.mkdir()
        folder = Path(pis) / first.id / DEMO_WEEK
        submit_week(DEMO_WEEK, older, student_id=first.id, source=folder,
                    now=on_time - dt.timedelta(days=1))
        # And a file from someone not on the roster.
        submit_week(DEMO_WEEK, usb, student_id="XYZ-999", source=folder, now=on_time)


def run_demo(to: Path, *, jobs: int | None = None, console: Console | None = None,
             course: Project | None = None) -> dict:
    """The whole week on the demo class; `course` is where the week's source comes from."""
    console = console or Console()
    started = time.perf_counter()
    here = course or find_project(Path(__file__).resolve().parent)
    project = fresh_demo_folder(to, here)
    roster = write_roster(to / "demo-roster.csv")
    import_roster(project, roster)
    console.print(f"[bold]1. Release[/] {DEMO_WEEK} for a class of {len(demo_students())} (fictional students)")
    release = release_week(project, DEMO_WEEK)
    usb = to / "usb-stick"
    usb.mkdir()
    students = demo_students()
    wrong = [{(w.notebook, w.cell): w.code} for w in wrong_answers_for(here, [DEMO_WEEK])
             if w.week == DEMO_WEEK and not w.notebook.startswith("safety-")]
    console.print("[bold]2. Students hand in[/] with `autograder submit` to", usb)
    hand_in(project, students, usb, wrong)
    console.print("[bold]3. Collect[/] from the USB stick")
    report = collect_week(project, DEMO_WEEK, usb)
    for row in report.rows:
        if row.status != Collected.IMPORTED:
            console.print(f"   {row.status:16} {row.file}: {row.reason}")
    console.print("[bold]4. Grade[/] the whole class")
    results = grade_week(project, DEMO_WEEK, jobs=jobs)
    console.print("[bold]5. Feedback[/] and [bold]6. Export[/]")
    feedback_dir = usb / "feedback"
    pages = write_feedback(project, DEMO_WEEK, feedback_dir)
    grades = to / "grades.csv"
    export_grades(project, grades)
    return _summarise(console, project, students, results, release.bundle, feedback_dir, pages,
                      grades, time.perf_counter() - started)


def _summarise(console, project, students, results, bundle, feedback_dir, pages, grades, seconds) -> dict:
    by_id = {r.student_id: r for r in results}
    max_score = max((r.max_score for r in results), default=0)
    table = names_last_table("student", "handed in", "score", "as deserved?", "name")
    mismatches = 0
    for s in students:
        result = by_id.get(s.id)
        score = result.score if result else 0.0
        ok = s.deserves(score, max_score)
        mismatches += not ok
        table.add_row(s.id, s.handed_in, f"{score:g}/{max_score:g}" if result else "—",
                      "✓" if ok else "[red]✗[/]", f"{s.first_name} {s.last_name}")
    console.print(table)
    console.print(f"Done in {seconds:.0f} s. {len(results)} graded, {mismatches} score(s) not as deserved.")
    console.print(f"  course folder:  {project.root}")
    console.print(f"  bundle for Pis: {bundle}")
    console.print(f"  feedback:       {feedback_dir} ({len(pages)} pages)")
    console.print(f"  grades CSV:     {grades}")
    if mismatches:
        raise PathwaysError(f"{mismatches} demo score(s) did not match the work handed in; see the table.")
    return {"graded": len(results), "mismatches": mismatches}
