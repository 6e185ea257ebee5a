"""After grading, the instructor writes feedback, checks the course status and exports grades."""
from __future__ import annotations

import csv
import datetime as dt

import nbformat
import pytest
from click.testing import CliRunner

from autograder.cli.app import main


@pytest.fixture
def graded_course(released_course, grade_answers, tmp_path):
    """KHD-001 hands in full answers, KHD-002 the untouched release; BOW-001 nothing."""
    untouched = {("lesson-tiny.ipynb", "q1_total_cost"): None, ("lesson-tiny.ipynb", "q2_greeting"): None}
    return grade_answers(released_course, tmp_path, {"KHD-001": {}, "KHD-002": untouched})


def run(project, *args):
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, ["--project", str(project.root), *args])


def test_export_has_nbgraders_columns_plus_centre_and_batch(graded_course, tmp_path):
    out = tmp_path / "grades.csv"
    result = run(graded_course, "export", "--to", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert list(rows["KHD-001"])[:11] == ["assignment", "duedate", "timestamp", "student_id", "last_name",
                                          "first_name", "email", "raw_score", "late_submission_penalty",
                                          "score", "max_score"]
    assert (rows["KHD-001"]["score"], rows["KHD-001"]["max_score"]) == ("5.0", "5.0")
    assert rows["KHD-002"]["score"] == "0.0" and rows["KHD-002"]["first_name"] == "অনিতা"
    assert (rows["BOW-001"]["timestamp"], rows["BOW-001"]["centre"], rows["BOW-001"]["batch"]) == ("", "Bowbazar", "2027-B")


def test_status_shows_the_week_released_collected_and_graded(graded_course):
    result = run(graded_course, "status")
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.output.splitlines() if "week01" in ln)
    cells = [c.strip() for c in line.split("│")[1:9]]
    bundle_day = dt.date.fromtimestamp((graded_course.outbound / "week01.zip").stat().st_mtime).isoformat()
    # S1 is placed in week01, not written in the tiny course
    assert cells == ["week01", "1", "in sync", bundle_day, "2", "2", "50%", "S1"], line
    assert "week26" in result.output


def test_status_tells_a_release_folder_in_sync_from_a_week_handed_out(released_course):
    """The repository keeps a release folder for every written week; only `release` (its
    bundle for the Pis) or an nbgrader exchange hands a week out."""
    (released_course.outbound / "week01.zip").unlink()
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["--project", str(released_course.root), "status"])
    assert result.exit_code == 0, result.output
    header = next(ln for ln in result.output.splitlines() if "week " in ln)
    assert [c.strip() for c in header.split("┃")[1:8]] == ["week", "notebooks", "release", "handed out",
                                                          "collected", "graded", "average"]
    line = next(ln for ln in result.output.splitlines() if "week01" in ln)
    assert [c.strip() for c in line.split("│")[1:5]] == ["week01", "1", "in sync", "not yet"]
    week02 = next(ln for ln in result.output.splitlines() if "week02" in ln)
    assert [c.strip() for c in week02.split("│")[1:5]] == ["week02", "—", "—", "—"]
    assert max(len(ln) for ln in result.output.splitlines()) <= 80


def test_status_notices_a_source_edited_after_release(graded_course):
    path = graded_course.source / "week01" / "lesson-tiny.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\nOne more sentence."
    nbformat.write(nb, path)
    line = next(ln for ln in run(graded_course, "status").output.splitlines() if "week01" in ln)
    assert "out of date" in line


def test_feedback_gives_each_graded_student_a_page(graded_course, tmp_path):
    out = tmp_path / "feedback"
    result = run(graded_course, "feedback", "week01", "--to", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "KHD-001" / "week01" / "lesson-tiny.html").exists()
    assert (out / "KHD-002" / "week01" / "lesson-tiny.html").exists()
    assert not (out / "BOW-001").exists()


def test_grade_command_shows_a_table_and_exits_zero_when_all_is_well(released_course, grade_answers, tmp_path):
    project = grade_answers(released_course, tmp_path, {"KHD-001": {}, "KHD-002": {}})
    result = run(project, "grade", "week01", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "KHD-001" in result.output and "5/5" in result.output
    assert "2 graded, 0 partly failed, 0 rejected." in result.output


def test_grade_before_release_says_what_to_do(tiny_course):
    result = run(tiny_course, "grade", "week01")
    assert result.exit_code == 1
    assert "run `autograder release week01` first" in result.output


def test_grading_again_after_an_interrupted_run_grades_each_student_once(released_course, grade_answers, tmp_path):
    """A power cut half way: the instructor simply runs `grade` again."""
    from autograder.grade.week import grade_week
    from autograder.gradebook.bridge import gradebook

    project = grade_answers(released_course, tmp_path, {"KHD-001": {}, "KHD-002": {}})
    results = grade_week(project, "week01", jobs=2)
    assert sorted((r.student_id, r.score) for r in results) == [("KHD-001", 5), ("KHD-002", 5)]
    with gradebook(project) as book:
        assert len(book.find_assignment("week01").submissions) == 2
    assert len(list((project.course / "backups").glob("gradebook-*.db"))) == 2
