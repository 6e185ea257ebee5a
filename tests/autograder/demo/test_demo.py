"""The README's main job: `autograder demo` runs the whole week on a demo class."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from autograder.cli.app import main
from autograder.demo.run import run_demo
from autograder.demo.students import demo_students

pytestmark = pytest.mark.slow


def test_demo_on_a_tiny_course_scores_every_student_as_deserved(tiny_course, tmp_path):
    from rich.console import Console

    console = Console(record=True, width=200)
    summary = run_demo(tmp_path / "demo", course=tiny_course, jobs=2, console=console)
    handed_in = [s for s in demo_students() if s.kind not in ("none", "corrupt")]
    assert summary == {"graded": len(handed_in), "mismatches": 0}
    rows = {line.split()[0]: line for line in console.export_text().splitlines() if line.strip()[:4] in ("KHD-", "BOW-")}
    # a typical mistake is not "wrong": the student may well have earned most of the points
    assert "one typical mistake" in rows["KHD-005"] and " wrong " not in rows["KHD-005"]
    assert rows["KHD-003"].rstrip().endswith("অনিতা দাস"), "names come last, so the columns stay aligned"
    assert (tmp_path / "demo" / "grades.csv").exists()
    assert (tmp_path / "demo" / "course" / "outbound" / "week01.zip").exists()


def test_demo_refuses_to_replace_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "precious").mkdir()
    result = CliRunner().invoke(main, ["demo", "--to", str(tmp_path / "precious")])
    assert result.exit_code == 1
    assert "already exists and is not a demo folder; choose another place with --to." in result.output


def test_demo_on_the_real_week01(tmp_path):
    """The command the README tells a new instructor to run first."""
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["demo", "--to", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "0 score(s) not as deserved" in result.output
