"""The instructor collects a week from a USB stick: good files come in, bad ones are
named with the reason, the newest submission wins and nothing is ever lost."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from autograder.cli.app import main
from autograder.handins.collect import collect_week
from autograder.handins.submit import submit_week

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
    rows = rows_by_file(collect_week(released_course, "week01", usb))
    archived = {p.name for p in (released_course.archive / "week01").iterdir()}
    assert {made.name, "KHD-001__week01__notes.txt", "notes.txt"} <= archived
    assert (rows["notes.txt"].status, rows["notes.txt"].reason) == (
        "not a submission", "not a notebook; kept in course/archive/week01/")
    assert rows["KHD-001__week01__notes.txt"].status == "rejected"


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


def test_a_file_for_a_week_not_in_the_syllabus_is_rejected(released_course, pi_week, usb):
    made = submit_week("week1", usb, student_id="KHD-001", source=pi_week, now=WHEN)
    row = rows_by_file(collect_week(released_course, "week01", usb))[made.name]
    assert (row.status, row.reason) == ("rejected", "'week1' is not a week of the syllabus (weeks are week01 … "
                                                    "week26); rename the file to <student_id>__week01__… if it is for week01")


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


# -- a week in two notebooks, handed in part by part ---------------------------------------
def collect_cli(project, stick, week="week01", columns=200):
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(
        main, ["--project", str(project.root), "collect", week, "--from", str(stick)])


@pytest.fixture
def pi_bundle(two_notebook_course, tmp_path) -> Path:
    """The student's week01 folder, unzipped from the bundle the instructor copied to the Pi."""
    with zipfile.ZipFile(two_notebook_course.outbound / "week01.zip") as zf:
        zf.extractall(tmp_path / "pi")
    return tmp_path / "pi" / "week01"


def test_a_partial_resubmission_never_drops_the_notebook_it_lacks(two_notebook_course, pi_bundle, tmp_path):
    monday, thursday = tmp_path / "monday", tmp_path / "thursday"
    monday.mkdir(), thursday.mkdir()
    first = hand_in(pi_bundle, monday)
    with zipfile.ZipFile(first) as zf:
        lesson = zf.read("lesson-tiny.ipynb")
    assert collect_cli(two_notebook_course, monday).exit_code == 0
    (pi_bundle / "lesson-tiny.ipynb").rename(tmp_path / "moved-away.ipynb")
    second = hand_in(pi_bundle, thursday, when=WHEN + dt.timedelta(days=1))
    result = collect_cli(two_notebook_course, thursday)
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.output.splitlines() if second.name in ln)
    assert "imported" in line and f"lesson-tiny.ipynb kept from {first.name}" in line
    folder = two_notebook_course.submitted / "KHD-001" / "week01"
    assert sorted(p.name for p in folder.glob("*.ipynb")) == ["lesson-tiny.ipynb", "safety-our-safe-space.ipynb"]
    assert (folder / "lesson-tiny.ipynb").read_bytes() == lesson
    assert (folder / "timestamp.txt").read_text() == "2027-01-09 16:30:00.000000"


def test_an_older_hand_in_on_the_same_stick_gives_only_what_the_newer_lacks(two_notebook_course, pi_bundle, usb):
    complete = hand_in(pi_bundle, usb, when=WHEN)
    (pi_bundle / "lesson-tiny.ipynb").unlink()
    safety_only = hand_in(pi_bundle, usb, when=WHEN + dt.timedelta(hours=3))
    rows = rows_by_file(collect_week(two_notebook_course, "week01", usb))
    assert (rows[safety_only.name].status, rows[safety_only.name].reason) == (
        "imported", f"lesson-tiny.ipynb kept from {complete.name}")
    assert (rows[complete.name].status, rows[complete.name].reason) == ("imported", f"safety-our-safe-space.ipynb kept from {safety_only.name}")


def test_submit_names_a_missing_notebook_before_handing_in(two_notebook_course, pi_bundle, usb):
    (pi_bundle / "lesson-tiny.ipynb").unlink()
    result = CliRunner().invoke(main, ["submit", "week01", "--to", str(usb), "--student", "KHD-001",
                                       "--from", str(pi_bundle)])
    assert result.exit_code == 0, result.output
    warning, submitted = result.output.splitlines()
    assert warning == (f"Warning: lesson-tiny.ipynb is not in {pi_bundle}, so this hand-in does not have it. "
                       "If you handed it in before, your teacher keeps that one; if it is somewhere else, put "
                       f"it back in {pi_bundle} and submit again.")
    assert submitted.startswith("Submitted: ")


def test_a_jupyterlab_duplicate_is_left_out_by_submit(two_notebook_course, pi_bundle, usb):
    (pi_bundle / "lesson-tiny-Copy1.ipynb").write_bytes((pi_bundle / "lesson-tiny.ipynb").read_bytes())
    result = CliRunner().invoke(main, ["submit", "week01", "--to", str(usb), "--student", "KHD-001",
                                       "--from", str(pi_bundle)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Left out lesson-tiny-Copy1.ipynb: it is a copy made by JupyterLab's Duplicate, and only "
        "lesson-tiny.ipynb is graded. If your answers are in the copy, rename it to lesson-tiny.ipynb and submit again.")
    with zipfile.ZipFile(next(usb.glob("*.zip"))) as zf:
        assert sorted(zf.namelist()) == ["lesson-tiny.ipynb", "pathways-submission.json", "safety-our-safe-space.ipynb"]


def test_a_duplicate_inside_a_hand_in_is_ignored_and_the_real_notebooks_imported(two_notebook_course, pi_bundle, usb):
    """A zip made before submit left copies out (or zipped by hand) still counts."""
    path = usb / "KHD-001__week01__20270108T163000.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("lesson-tiny.ipynb", "safety-our-safe-space.ipynb"):
            zf.write(pi_bundle / name, name)
        zf.write(pi_bundle / "lesson-tiny.ipynb", "lesson-tiny-Copy1.ipynb")
    result = collect_cli(two_notebook_course, usb)
    assert result.exit_code == 0, result.output
    rows = rows_by_file(collect_week(two_notebook_course, "week01", usb))  # again: the same, already collected
    assert rows[path.name].status == "skipped (already collected)"
    ignored = rows[f"{path.name} › lesson-tiny-Copy1.ipynb"]
    assert (ignored.status, ignored.reason) == (
        "ignored", "a copy of lesson-tiny.ipynb made by JupyterLab's Duplicate; only lesson-tiny.ipynb is graded "
                   "(if the answers are in the copy, rename it to lesson-tiny.ipynb and hand in again)")
    assert result.output.strip().endswith("1 imported, 0 rejected, 0 skipped, 1 notebook(s) ignored.")
    assert (two_notebook_course.submitted / "KHD-001" / "week01" / "safety-our-safe-space.ipynb").exists()


# -- what the instructor reads -----------------------------------------------------------------
def test_a_stick_holding_several_weeks_collects_one_and_counts_the_others(released_course, pi_week, usb):
    mine = hand_in(pi_week, usb)
    later = [submit_week(week, usb, student_id=sid, source=pi_week, now=WHEN)
             for week, sid in (("week02", "KHD-001"), ("week10", "KHD-001"), ("week10", "KHD-002"))]
    result = collect_cli(released_course, usb)
    assert result.exit_code == 0, result.output
    assert "rejected" not in result.output.replace("0 rejected", "") and later[1].name not in result.output
    assert result.output.splitlines()[-1] == ("1 imported, 0 rejected, 0 skipped. 3 file(s) for other weeks "
                                              "(week02, week10) left for their own `autograder collect`.")
    assert (released_course.archive / "week10" / later[2].name).exists(), "kept safe for their own week"
    assert mine.name in result.output


def test_at_80_columns_every_file_name_is_shown_whole(released_course, pi_week, usb):
    older = hand_in(pi_week, usb, when=WHEN)
    newer = hand_in(pi_week, usb, when=WHEN + dt.timedelta(hours=2))
    result = collect_cli(released_course, usb, columns=80)
    lines = result.output.splitlines()
    imported = next(ln for ln in lines if newer.name in ln)
    skipped = next(ln for ln in lines if older.name in ln)
    assert "imported" in imported and "skipped" in skipped
    assert max(len(ln) for ln in lines) <= 80


def test_collecting_the_same_stick_again_says_already_collected_not_older(released_course, pi_week, usb):
    made = hand_in(pi_week, usb)
    collect_cli(released_course, usb)
    again = collect_cli(released_course, usb)
    assert again.exit_code == 0
    row = rows_by_file(collect_week(released_course, "week01", usb))[made.name]
    assert (row.status, row.reason) == ("skipped (already collected)",
                                        "the same notebooks were collected before (handed in 2027-01-08 16:30)")
    assert again.output.splitlines()[-1] == "0 imported, 0 rejected, 1 skipped."


def test_an_empty_folder_says_nothing_was_found(released_course, usb):
    result = collect_cli(released_course, usb)
    assert result.exit_code == 1
    assert result.output == (f"Error: Nothing found in {usb}: the folder is empty. Check that the USB stick is "
                             "plugged in and that this is the folder with the students' files.\n")


def test_feedback_written_to_the_same_stick_is_passed_by(released_course, pi_week, usb):
    (usb / "feedback" / "KHD-001").mkdir(parents=True)
    (usb / "feedback" / "KHD-001" / "index.html").write_text("<p>your progress</p>")
    (usb / ".Trashes").mkdir()
    (usb / ".Trashes" / "junk").write_text("x")
    hand_in(pi_week, usb)
    report = collect_week(released_course, "week01", usb)
    assert [r.status for r in report.rows] == ["imported"]
