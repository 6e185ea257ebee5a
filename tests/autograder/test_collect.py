"""The instructor collects a week from a USB stick: good files come in, bad ones are
named with the reason, the newest submission wins and nothing is ever lost."""
from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from autograder.cli import main
from autograder.collect import collect_week
from autograder.submit import submit_week

WHEN = dt.datetime(2027, 1, 8, 16, 30)


@pytest.fixture
def usb(tmp_path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def pi_week(released_course, tmp_path) -> Path:
    """A student's week01 folder on their Pi, with the released notebook."""
    folder = tmp_path / "pi" / "week01"
    folder.mkdir(parents=True)
    released = released_course.release / "week01" / "lesson-tiny.ipynb"
    (folder / "lesson-tiny.ipynb").write_bytes(released.read_bytes())
    return folder


def hand_in(pi_week, usb, student="KHD-001", when=WHEN):
    return submit_week("week01", usb, student_id=student, source=pi_week, now=when)


def rows_by_file(report):
    return {row.file: row for row in report.rows}


def test_good_submissions_are_imported_with_nbgraders_timestamp(released_course, pi_week, usb):
    hand_in(pi_week, usb, "KHD-001")
    hand_in(pi_week, usb, "KHD-002")
    report = collect_week(released_course, "week01", usb)
    assert [r.status for r in report.rows] == ["imported", "imported"]
    folder = released_course.submitted / "KHD-001" / "week01"
    assert (folder / "lesson-tiny.ipynb").exists()
    assert (folder / "timestamp.txt").read_text() == "2027-01-08 16:30:00.000000"


def test_the_newest_submission_wins_and_the_older_is_skipped(released_course, pi_week, usb):
    older = hand_in(pi_week, usb, when=WHEN)
    newer = hand_in(pi_week, usb, when=WHEN + dt.timedelta(hours=2))
    rows = rows_by_file(collect_week(released_course, "week01", usb))
    assert rows[newer.name].status == "imported"
    assert rows[older.name].status == "skipped (older)"


def test_an_older_file_never_replaces_a_newer_one_collected_before(released_course, pi_week, tmp_path):
    first_stick, second_stick = tmp_path / "monday", tmp_path / "tuesday"
    first_stick.mkdir(), second_stick.mkdir()
    hand_in(pi_week, first_stick, when=WHEN + dt.timedelta(days=1))
    collect_week(released_course, "week01", first_stick)
    stale = hand_in(pi_week, second_stick, when=WHEN)
    rows = rows_by_file(collect_week(released_course, "week01", second_stick))
    assert rows[stale.name].status == "skipped (older)"
    assert "not newer than the one collected before" in rows[stale.name].reason
    stamp = (released_course.submitted / "KHD-001" / "week01" / "timestamp.txt").read_text()
    assert stamp.startswith("2027-01-09")


def test_a_newer_submission_replaces_the_old_one_which_is_kept_in_the_archive(released_course, pi_week, tmp_path):
    first_stick, second_stick = tmp_path / "monday", tmp_path / "tuesday"
    first_stick.mkdir(), second_stick.mkdir()
    hand_in(pi_week, first_stick, when=WHEN)
    collect_week(released_course, "week01", first_stick)
    hand_in(pi_week, second_stick, when=WHEN + dt.timedelta(days=1))
    collect_week(released_course, "week01", second_stick)
    kept = released_course.archive / "week01" / "replaced" / "KHD-001__20270108T163000"
    assert (kept / "lesson-tiny.ipynb").exists()


def test_every_original_file_is_archived_even_rejected_ones(released_course, pi_week, usb):
    made = hand_in(pi_week, usb)
    (usb / "notes.txt").write_text("not a submission")
    (usb / "KHD-001__week01__notes.txt").write_text("oops")
    collect_week(released_course, "week01", usb)
    archived = {p.name for p in (released_course.archive / "week01").iterdir()}
    assert {made.name, "KHD-001__week01__notes.txt"} <= archived
    assert "notes.txt" not in archived  # not meant as a submission, left alone


def test_a_late_submission_is_imported_and_marked_late(released_course, pi_week, usb):
    made = hand_in(pi_week, usb, when=dt.datetime(2027, 1, 14, 9, 0))
    row = rows_by_file(collect_week(released_course, "week01", usb))[made.name]
    assert row.status == "imported (late)"
    assert row.reason == "after the due date 2027-01-11"


def test_plain_notebooks_named_by_student_are_collected(released_course, pi_week, usb):
    (usb / "BOW-001__week01__lesson-tiny.ipynb").write_bytes((pi_week / "lesson-tiny.ipynb").read_bytes())
    report = collect_week(released_course, "week01", usb)
    assert [r.status for r in report.rows] == ["imported"]
    assert (released_course.submitted / "BOW-001" / "week01" / "lesson-tiny.ipynb").exists()


# -- every rejection reason --------------------------------------------------------------
def test_a_damaged_zip_is_rejected(released_course, pi_week, usb):
    made = hand_in(pi_week, usb)
    made.write_bytes(made.read_bytes()[:100])
    row = rows_by_file(collect_week(released_course, "week01", usb))[made.name]
    assert (row.status, row.reason) == ("rejected", f"{made.name} is damaged (not a readable zip); "
                                                    "submit again with `autograder submit`")


def test_a_corrupt_notebook_inside_a_zip_is_rejected(released_course, usb):
    path = usb / "KHD-001__week01__20270108T163000.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("lesson-tiny.ipynb", '{"cells": [')
    row = rows_by_file(collect_week(released_course, "week01", usb))[path.name]
    assert row.status == "rejected"
    assert row.reason == ("lesson-tiny.ipynb is damaged (not valid notebook JSON); open it in "
                          "JupyterLab, save it again, and resubmit.")


def test_an_unknown_student_is_rejected(released_course, pi_week, usb):
    made = hand_in(pi_week, usb, student="XYZ-999")
    row = rows_by_file(collect_week(released_course, "week01", usb))[made.name]
    assert row.status == "rejected"
    assert row.reason == ("unknown student 'XYZ-999'; check the id, or add the student with "
                          "`autograder students import`")


def test_a_file_for_another_week_is_rejected(released_course, pi_week, usb):
    made = submit_week("week02", usb, student_id="KHD-001", source=pi_week, now=WHEN)
    row = rows_by_file(collect_week(released_course, "week01", usb))[made.name]
    assert row.reason == "wrong week: this file is for week02; collect it with `autograder collect week02`"


def test_a_file_that_is_not_a_notebook_is_rejected(released_course, usb):
    (usb / "KHD-001__week01__lesson-tiny.pdf").write_text("a printout")
    row = rows_by_file(collect_week(released_course, "week01", usb))["KHD-001__week01__lesson-tiny.pdf"]
    assert row.reason == "not a notebook or a submission zip; hand in .ipynb notebooks with `autograder submit`"


def test_a_wrongly_named_file_is_rejected(released_course, pi_week, usb):
    (usb / "lesson-tiny.ipynb").write_bytes((pi_week / "lesson-tiny.ipynb").read_bytes())
    row = rows_by_file(collect_week(released_course, "week01", usb))["lesson-tiny.ipynb"]
    assert row.reason.startswith("wrong file name; it should be <student_id>__<week>__<time>.zip")


def test_a_renamed_notebook_is_rejected(released_course, pi_week, usb):
    (pi_week / "lesson-tiny.ipynb").rename(pi_week / "lesson-tiny (1).ipynb")
    made = hand_in(pi_week, usb)
    row = rows_by_file(collect_week(released_course, "week01", usb))[made.name]
    assert row.reason == ("lesson-tiny (1).ipynb is not a notebook of this week (expected "
                          "lesson-tiny.ipynb); rename it back and submit again")


def test_a_rejected_newest_falls_back_to_the_students_older_good_one(released_course, pi_week, usb):
    good = hand_in(pi_week, usb, when=WHEN)
    broken = hand_in(pi_week, usb, when=WHEN + dt.timedelta(hours=1))
    broken.write_bytes(b"PK\x03\x04 broken")
    rows = rows_by_file(collect_week(released_course, "week01", usb))
    assert rows[broken.name].status == "rejected"
    assert rows[good.name].status == "imported"


def test_the_cli_imports_good_files_prints_reasons_and_exits_non_zero(released_course, pi_week, usb):
    hand_in(pi_week, usb, "KHD-001")
    hand_in(pi_week, usb, "XYZ-999")
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["--project", str(released_course.root), "collect",
                                                         "week01", "--from", str(usb)])
    assert result.exit_code == 1
    assert "1 imported, 1 rejected, 0 skipped." in result.output
    assert "unknown student 'XYZ-999'" in result.output
    assert (released_course.submitted / "KHD-001" / "week01").is_dir()


def test_collecting_before_release_says_what_to_do(tiny_course, usb):
    result = CliRunner().invoke(main, ["--project", str(tiny_course.root), "collect", "week01", "--from", str(usb)])
    assert result.output.strip() == ("Error: week01 has not been released (course/release/week01 is "
                                     "empty); run `autograder release week01` first.")
