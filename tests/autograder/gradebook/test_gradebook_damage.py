"""The gradebook is damaged or emptied: every command says so in one line, names the newest
good copy and how to restore it, and never starts a new, empty gradebook over the grades."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from autograder.cli.app import main
from autograder.grade.week import backup_gradebook


def run(project, *args):
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, ["--project", str(project.root), *args])


@pytest.fixture
def backed_up(released_course):
    """A course whose gradebook was copied to course/backups/ (as `grade` does before each run)."""
    backup = backup_gradebook(released_course)
    return released_course, backup.relative_to(released_course.root)


COMMANDS = [["status"], ["grade", "week01"], ["export", "--to", "out.csv"],
            ["export", "--by-notebook", "--to", "out.csv"], ["feedback", "week01", "--to", "fb"],
            ["report", "--to", "report"], ["students", "import", "{root}/roster.csv"], ["release", "week01"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_gradebook_overwritten_by_a_student_is_one_line_with_the_way_back(backed_up, command):
    project, backup = backed_up
    project.gradebook_file.write_bytes(b"gone")
    result = run(project, *(part.format(root=project.root) for part in command))
    assert result.exit_code == 1
    assert result.output == (
        "Error: course/gradebook.db is not a database any more (something wrote over it); restore the "
        f"newest good copy ({backup}) with `autograder restore`; the damaged file is kept beside the backups.\n")


def test_an_emptied_gradebook_is_never_taken_for_a_new_course(backed_up):
    project, backup = backed_up
    project.gradebook_file.write_bytes(b"")
    result = run(project, "export", "--to", str(project.root / "grades.csv"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: course/gradebook.db is empty (0 bytes); restore the newest good copy")
    assert "Wrote" not in result.output and not (project.root / "grades.csv").exists()
    assert project.gradebook_file.stat().st_size == 0, "nbgrader must not have filled it with new tables"


def test_a_deleted_gradebook_with_backups_is_not_a_new_course(backed_up):
    project, backup = backed_up
    project.gradebook_file.unlink()
    result = run(project, "export", "--to", "grades.csv")
    assert result.output.startswith("Error: course/gradebook.db is missing, but course/backups/ holds copies of it;")
    assert not project.gradebook_file.exists()


def test_restore_brings_back_the_newest_good_copy_and_keeps_the_damaged_file(backed_up):
    project, backup = backed_up
    project.gradebook_file.write_bytes(b"gone")
    result = run(project, "restore")
    assert result.exit_code == 0, result.output
    assert f"Restored course/gradebook.db from {project.root / backup}" in result.output
    [damaged] = (project.course / "backups").glob("damaged-gradebook-*.db")
    assert damaged.read_bytes() == b"gone"
    exported = run(project, "export", "--to", str(project.root / "grades.csv"))
    assert exported.exit_code == 0 and "Wrote 3 row(s)" in exported.output
    assert run(project, "students", "import", str(project.root / "roster.csv")).output.endswith("0 added, 0 updated.\n")


def test_restore_skips_a_damaged_backup(backed_up):
    project, good = backed_up
    bad = project.course / "backups" / "gradebook-29991231-235959-000000.db"
    bad.write_bytes(b"half a copy")
    project.gradebook_file.write_bytes(b"")
    result = run(project, "restore")
    assert result.exit_code == 0, result.output
    assert f"from {project.root / good}" in result.output


def test_restore_refuses_to_replace_a_whole_gradebook_without_force(backed_up):
    project, _ = backed_up
    result = run(project, "restore")
    assert result.exit_code == 1
    assert result.output == ("Error: course/gradebook.db is whole; restoring a backup would undo every grade "
                             "since that copy. To restore anyway, add --force (the current file is kept in "
                             "course/backups/).\n")
    assert run(project, "restore", "--force").exit_code == 0
    assert list((project.course / "backups").glob("replaced-gradebook-*.db"))


def test_without_any_backup_the_message_says_how_to_rebuild(released_course):
    released_course.gradebook_file.write_bytes(b"gone")
    result = run(released_course, "export", "--to", "grades.csv")
    assert result.output == (
        "Error: course/gradebook.db is not a database any more (something wrote over it); there is no good "
        "copy in course/backups/ to restore; move the file aside and grade again: import the roster, then "
        "`autograder release` and `autograder grade` each week.\n")
