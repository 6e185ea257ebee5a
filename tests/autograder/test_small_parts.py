"""The small parsers every command leans on, tested without a kernel or a gradebook."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pytest

from autograder.course.syllabus import load_syllabus
from autograder.errors import NbgraderFailed, SyllabusError, UnknownWeek
from autograder.grade.forged_cells import strip_forged_cells
from autograder.grade.sandbox import parse_size
from autograder.gradebook.bridge import check
from autograder.handins.names import original_of_copy, parse_name, week_of, zip_name

# --- submission names: the student's Pi and the instructor's laptop must agree ---

def test_a_zip_name_from_submit_parses_back_to_its_parts():
    when = dt.datetime(2027, 1, 8, 10, 30, 5)
    name = parse_name(Path(zip_name("KHD-001", "week03", when)))
    assert (name.student_id, name.week, name.kind, name.timestamp) == ("KHD-001", "week03", "zip", when)


def test_a_notebook_copied_by_hand_names_its_notebook():
    name = parse_name(Path("KHD-001__week03__lesson-loops.ipynb"))
    assert (name.kind, name.notebook) == ("notebook", "lesson-loops.ipynb")


@pytest.mark.parametrize("bad", ["KHD-001__week03.zip", "KHD-001__week03__yesterday.zip",
                                 "__week03__20270108T103005.zip", "KHD-001__week03__x.txt",
                                 "a__b__c__d.zip"])
def test_names_that_do_not_follow_the_pattern_are_not_guessed(bad):
    assert parse_name(Path(bad)) is None


def test_the_week_of_a_badly_named_file_is_still_found_to_count_it():
    assert week_of(Path("KHD-001__week05__whatever.pdf")) == "week05"
    assert week_of(Path("notes.txt")) is None


def test_a_jupyterlab_duplicate_names_its_original():
    assert original_of_copy("lesson-x-Copy2.ipynb") == "lesson-x.ipynb"
    assert original_of_copy("lesson-x.ipynb") is None


# --- the syllabus ---

def write_syllabus(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "syllabus.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_syllabus_dates_each_week_from_the_start_date(tmp_path):
    syllabus = load_syllabus(write_syllabus(tmp_path, """
[course]
start_date = "2027-01-04"
[[weeks]]
id = "week01"
[[weeks]]
id = "week02"
"""))
    assert [w.release_date for w in syllabus.weeks] == [dt.date(2027, 1, 4), dt.date(2027, 1, 11)]
    assert syllabus.weeks[1].due_date == dt.date(2027, 1, 18)


@pytest.mark.parametrize("text, says", [
    ("[course]\nstart_date = 2027-01-04\n[[weeks]]\nid = \"week02\"\n", "should be 'week01'"),
    ("[course]\n[[weeks]]\nid = \"week01\"\n", "start_date"),
    ("[course\n", "not valid TOML"),
    ("[course]\nstart_date = 2027-01-04\n[[weeks]]\nid = \"week01\"\nsafety = \"S9\"\n", "not defined"),
])
def test_a_broken_syllabus_names_the_file_and_the_fix(tmp_path, text, says):
    with pytest.raises(SyllabusError, match=says) as raised:
        load_syllabus(write_syllabus(tmp_path, text))
    assert "syllabus.toml" in str(raised.value)


def test_a_week_typed_without_two_digits_gets_a_suggestion(repo_project):
    with pytest.raises(UnknownWeek, match="did you mean week03"):
        repo_project.syllabus.week("week3")


# --- sizes for the sandbox's memory limit ---

@pytest.mark.parametrize("text, size", [("1G", 1024 ** 3), ("512M", 512 * 1024 ** 2), ("512mb", 512 * 1024 ** 2),
                                        ("1.5K", 1536), ("2048", 2048), (4096, 4096)])
def test_memory_sizes_are_read_as_people_write_them(text, size):
    assert parse_size(text) == size


# --- nbgrader's answers ---

def test_a_failed_nbgrader_call_becomes_one_line_with_its_real_cause():
    log = "[INFO] converting\nTraceback ...\nValueError: notebook lesson-x.ipynb is not valid\n" \
          "NbGraderException: Please see the the above traceback"
    with pytest.raises(NbgraderFailed, match="while grading week03: ValueError: notebook lesson-x"):
        check({"success": False, "log": log, "error": ""}, "grading week03")
    assert check({"success": True, "log": "ok"}, "grading") == "ok"


# --- forged cells ---

def test_a_cell_claiming_grades_the_source_never_had_is_made_ordinary(tmp_path):
    source, submission = tmp_path / "source", tmp_path / "submission"
    source.mkdir()
    submission.mkdir()
    real = nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"grade_id": "q1", "solution": True,
                                                                     "grade": False, "locked": False}})
    nbformat.write(nbformat.v4.new_notebook(cells=[real]), source / "lesson-a.ipynb")
    forged = nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": {
        "grade_id": "free_points", "grade": True, "points": 100, "solution": False, "locked": True}})
    nbformat.write(nbformat.v4.new_notebook(cells=[real, forged]), submission / "lesson-a.ipynb")
    problems = strip_forged_cells(source, submission)
    cells = nbformat.read(submission / "lesson-a.ipynb", as_version=4).cells
    assert [p.grade_id for p in problems] == ["free_points"]
    assert "nbgrader" not in cells[1].metadata and cells[1].source == "assert True"
    assert cells[0].metadata["nbgrader"]["grade_id"] == "q1"


# --- the gradebook's lock wait ---

def test_every_gradebook_connection_waits_for_the_lock_instead_of_failing_at_once(tiny_course):
    """Parallel grading workers share one SQLite file; SQLite's 5-second default wait made a
    busy machine reject a submission with "database is locked"."""
    import sqlite3

    from autograder.gradebook.bridge import GRADEBOOK_WAIT_SECONDS, course_config, gradebook

    assert course_config(tiny_course).CourseDirectory.db_url.endswith(f"?timeout={GRADEBOOK_WAIT_SECONDS}")
    with gradebook(tiny_course) as book:
        connection = book.engine.raw_connection()
        try:
            assert isinstance(connection.driver_connection, sqlite3.Connection)
            busy_ms = connection.driver_connection.execute("PRAGMA busy_timeout").fetchone()[0]
        finally:
            connection.close()
    assert busy_ms == GRADEBOOK_WAIT_SECONDS * 1000


# --- a test message must never quote a hidden line (feedback would refuse the page) ---

def test_a_test_message_that_quotes_a_hidden_line_is_caught_before_release(tiny_course):
    from autograder.validate.checks import static_problems

    path = tiny_course.source / "week01" / "lesson-tiny.ipynb"
    nb = nbformat.read(path, as_version=4)
    tests = next(c for c in nb.cells if "### BEGIN HIDDEN TESTS" in c.source)
    tests.source = tests.source.replace(
        "### END HIDDEN TESTS",
        'got = total_cost(7, 3)\nassert got == 21, f"got = total_cost(7, 3) gave {got}"\n### END HIDDEN TESTS')
    nbformat.write(nb, path)
    problems = static_problems(tiny_course, "week01")
    assert any("quotes the hidden or solution line 'got = total_cost(7, 3)'" in p for p in problems), problems
