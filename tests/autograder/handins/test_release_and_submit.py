"""The instructor releases a week; a student on a Pi hands it in to a USB stick."""
from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from autograder.cli.app import main


def run(project, *args, env=None):
    return CliRunner(env=env).invoke(main, ["--project", str(project.root), *args])


def test_release_makes_student_notebooks_and_a_bundle(tiny_course):
    result = run(tiny_course, "release", "week01")
    assert result.exit_code == 0, result.output
    released = tiny_course.release / "week01" / "lesson-tiny.ipynb"
    assert released.exists()
    text = released.read_text(encoding="utf-8")
    assert "raise NotImplementedError" in text and "return items * price" not in text
    assert "BEGIN HIDDEN TESTS" not in text and "total_cost(0, 5)" not in text
    with zipfile.ZipFile(tiny_course.outbound / "week01.zip") as zf:
        assert zf.namelist() == ["week01/lesson-tiny.ipynb", "week01/.pathways-week.json"]
        assert json.loads(zf.read("week01/.pathways-week.json")) == {"week": "week01",
                                                                     "notebooks": ["lesson-tiny.ipynb"]}
    assert "Copy this bundle" in result.output


def test_release_of_an_unknown_week_says_which_weeks_exist(tiny_course):
    result = run(tiny_course, "release", "week99")
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: Week 'week99' is not in course/syllabus.toml (weeks are "
                                     "week01 … week26); use a two-digit id such as week01.")


@pytest.mark.parametrize("command", [["release", "week3"], ["grade", "week3"], ["validate", "week3"],
                                     ["collect", "week3", "--from", "."], ["feedback", "week3", "--to", "fb"]])
def test_a_one_digit_week_suggests_the_two_digit_id(tiny_course, command):
    result = run(tiny_course, *command)
    assert result.exit_code == 1
    assert result.output == ("Error: Week 'week3' is not in course/syllabus.toml; did you mean week03? "
                             "(week ids have two digits: week01 … week26)\n")


def test_grading_a_week_not_written_yet_says_so_instead_of_suggesting_a_release(released_course):
    result = run(released_course, "grade", "week05")
    assert result.exit_code == 1
    assert result.output == ("Error: week05 is not written yet (course/source/week05 has no notebooks), "
                             "so there is nothing to grade.\n")


def test_release_of_an_unwritten_week_says_where_to_write_it(tiny_course):
    result = run(tiny_course, "release", "week05")
    assert result.exit_code == 1
    assert "has no notebooks; write the week's source notebooks there first" in result.output


def test_validate_of_an_unwritten_week_is_one_clear_line(tiny_course):
    result = run(tiny_course, "validate", "week05")
    assert result.exit_code == 1
    assert "week05: course/source/week05/ has no notebooks" in result.output
    assert "Traceback" not in result.output


def test_a_week_with_only_its_safety_module_still_shows_the_missing_lesson(tiny_course):

    assert tiny_course.missing_notebooks("week01") == ["safety-our-safe-space.ipynb"]
    (tiny_course.source / "week18").mkdir()
    shutil.copy(tiny_course.source / "week01" / "lesson-tiny.ipynb",
                tiny_course.source / "week18" / "safety-passwords-and-privacy.ipynb")
    assert tiny_course.missing_notebooks("week18") == ["a lesson (lesson-*.ipynb)"]
    assert tiny_course.missing_notebooks("week24") == ["a capstone project (project-*.ipynb)",
                                                      "safety-safe-job-search.ipynb"]


def test_no_course_here_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "status"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: No course found in {tmp_path}")


def test_a_student_sets_their_id_once_and_submits(released_course, tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    pi_folder = tmp_path / "pi" / "week01"
    pi_folder.mkdir(parents=True)
    (pi_folder / "lesson-tiny.ipynb").write_bytes((released_course.release / "week01" / "lesson-tiny.ipynb").read_bytes())
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run(released_course, "whoami", "--set", "KHD-001", env=env).exit_code == 0
    assert run(released_course, "whoami", env=env).output.strip() == "KHD-001"
    result = run(released_course, "submit", "week01", "--to", str(usb), "--from", str(pi_folder), env=env)
    assert result.exit_code == 0, result.output
    [made] = usb.glob("*.zip")
    assert made.name.startswith("KHD-001__week01__") and len(made.stem.split("__")[2]) == 15
    with zipfile.ZipFile(made) as zf:
        assert "lesson-tiny.ipynb" in zf.namelist()


def test_whoami_never_replaces_an_id_silently(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    runner = CliRunner(env=env)
    assert runner.invoke(main, ["whoami", "--set", "KHD-014"]).output == "This Pi now submits as KHD-014.\n"
    result = runner.invoke(main, ["whoami", "--set", "KHD-041"])
    assert result.exit_code == 1
    assert result.output == ("Error: This Pi already submits as KHD-014. To change it to KHD-041, run "
                             "`autograder whoami --set KHD-041 --force`.\n")
    assert runner.invoke(main, ["whoami"]).output == "KHD-014\n"
    assert runner.invoke(main, ["whoami", "--set", "KHD-014"]).exit_code == 0  # the same id again is fine
    assert runner.invoke(main, ["whoami", "--set", "KHD-041", "--force"]).exit_code == 0
    assert runner.invoke(main, ["whoami"]).output == "KHD-041\n"


def test_submit_refuses_a_damaged_notebook_and_names_it(tmp_path):
    pi_folder = tmp_path / "week01"
    pi_folder.mkdir()
    (pi_folder / "lesson-tiny.ipynb").write_text('{"cells": [', encoding="utf-8")
    result = CliRunner().invoke(main, ["submit", "week01", "--to", str(tmp_path), "--student", "KHD-001",
                                       "--from", str(pi_folder)])
    assert result.exit_code == 1
    assert f"{pi_folder / 'lesson-tiny.ipynb'} is damaged (not valid notebook JSON)" in result.output
    assert not list(tmp_path.glob("*.zip"))


def test_clicks_saved_in_widget_state_never_leave_the_pi(tmp_path):
    """A safety scenario's radio button, saved by JupyterLab as widget state, is not handed in."""
    import json
    folder = tmp_path / "week04"
    folder.mkdir()
    state = {"application/vnd.jupyter.widget-state+json": {"state": {"m1": {"state": {"index": 2}}}}}
    notebook = {"cells": [], "metadata": {"widgets": state}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "safety-fake-job-offers.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    result = CliRunner().invoke(main, ["submit", "week04", "--to", str(tmp_path), "--student",
                                       "KHD-001", "--from", str(folder)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(next(tmp_path.glob("*.zip"))) as zf:
        handed_in = json.loads(zf.read("safety-fake-job-offers.ipynb"))
    assert "widgets" not in handed_in["metadata"]
    assert "widgets" in json.loads((folder / "safety-fake-job-offers.ipynb").read_text())["metadata"]


def test_submit_without_an_id_says_how_to_set_one(tmp_path):
    result = CliRunner(env={"XDG_CONFIG_HOME": str(tmp_path)}).invoke(
        main, ["submit", "week01", "--to", str(tmp_path), "--from", str(tmp_path)])
    assert "Run `autograder whoami --set YOUR_ID` once" in result.output


def test_submit_to_a_missing_usb_stick(tmp_path):
    folder = tmp_path / "week01"
    folder.mkdir()
    (folder / "a.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    result = CliRunner().invoke(main, ["submit", "week01", "--to", str(tmp_path / "usb"),
                                       "--student", "KHD-001", "--from", str(folder)])
    assert "is not a folder; plug in the USB stick or check the path." in result.output
