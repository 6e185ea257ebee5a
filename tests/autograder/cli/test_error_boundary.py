"""Every fault a centre meets ends in one red line that names the file and the fix, and
loses nothing: a full or read-only USB stick, a busy or damaged gradebook, a broken safety
content file. `--debug` shows the traceback; a real bug keeps its traceback."""
from __future__ import annotations

import errno
import os
import sqlite3
import types

import pytest
from click.testing import CliRunner

from autograder import safe_files
from autograder.cli import main
from safety_modules import content


def run(project, *args: str):
    return CliRunner().invoke(main, ["--project", str(project.root), *args])


def one_red_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def failing_rename(code: int, message: str):
    def rename(src, dst):
        raise OSError(code, message, str(dst))
    return rename


def test_a_full_usb_stick_during_submit_is_one_line_and_leaves_no_half_zip(released_course, tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()
    week = released_course.release / "week01"
    monkeypatch.setattr(safe_files.os, "replace", failing_rename(errno.ENOSPC, "No space left on device"))
    result = CliRunner().invoke(main, ["submit", "week01", "--to", str(stick), "--student", "KHD-001",
                                       "--from", str(week)])
    line = one_red_line(result)
    assert str(stick) in line and "full" in line and "another stick" in line
    assert list(stick.iterdir()) == []  # no .partial left to be mistaken for a hand-in


def test_a_read_only_stick_during_feedback_names_the_file_and_the_switch(released_course, tmp_path, monkeypatch):
    monkeypatch.setattr(safe_files.os, "replace", failing_rename(errno.EROFS, "Read-only file system"))
    line = one_red_line(run(released_course, "glossary", "--to", str(tmp_path / "usb" / "glossary.md")))
    assert "glossary.md" in line and "read-only" in line and "lock switch" in line


def test_an_existing_file_survives_a_failed_rewrite(tmp_path, monkeypatch):
    target = tmp_path / "register.csv"
    target.write_text("the register as it was\n")
    monkeypatch.setattr(safe_files.os, "replace", failing_rename(errno.ENOSPC, "No space left on device"))
    with pytest.raises(OSError):
        safe_files.write_text(target, "half a regis")
    assert target.read_text() == "the register as it was\n"
    assert [p.name for p in tmp_path.iterdir()] == ["register.csv"]


def test_a_gradebook_another_program_holds_is_busy_not_damaged(released_course, tmp_path, monkeypatch):
    holder = sqlite3.connect(released_course.gradebook_file, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        monkeypatch.setattr(sqlite3, "connect", _short_timeout(sqlite3.connect))
        line = one_red_line(run(released_course, "export", "--to", str(tmp_path / "grades.csv")))
    finally:
        holder.rollback()
        holder.close()
    assert "gradebook.db is busy" in line and "wait for it to finish" in line
    assert not (tmp_path / "grades.csv").exists()


def _short_timeout(connect):
    def quick(*args, **kwargs):
        kwargs["timeout"] = 0.2  # wait a moment, not SQLite's usual seconds
        return connect(*args, **kwargs)
    return quick


def test_a_damaged_gradebook_says_how_to_restore(released_course, tmp_path):
    released_course.gradebook_file.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    line = one_red_line(run(released_course, "export", "--to", str(tmp_path / "grades.csv")))
    assert "gradebook.db" in line and "restore" in line


def test_a_broken_safety_content_file_names_the_file(released_course, tmp_path, monkeypatch):
    folder = tmp_path / "package" / "content"
    folder.mkdir(parents=True)
    (folder / "S1-broken.toml").write_text('title = "S1"\n[[scenario]\nid = ', encoding="utf-8")
    monkeypatch.setattr(content, "resources", types.SimpleNamespace(files=lambda _pkg: tmp_path / "package"))
    content.load_module.cache_clear()
    try:
        line = one_red_line(run(released_course, "glossary", "--to", str(tmp_path / "glossary.md")))
    finally:
        content.load_module.cache_clear()
    assert "safety_modules/content/S1-broken.toml" in line


def test_debug_shows_the_traceback_instead(released_course, tmp_path, monkeypatch):
    monkeypatch.setattr(safe_files.os, "replace", failing_rename(errno.ENOSPC, "No space left on device"))
    result = CliRunner().invoke(main, ["--project", str(released_course.root), "--debug",
                                       "glossary", "--to", str(tmp_path / "g.md")])
    assert result.exit_code != 0 and isinstance(result.exception, OSError)


def test_a_bug_is_not_dressed_up_as_a_user_error(released_course, tmp_path, monkeypatch):
    from autograder.course import glossary

    monkeypatch.setattr(glossary, "collect", lambda project: 1 / 0)
    result = run(released_course, "glossary", "--to", str(tmp_path / "g.md"))
    assert isinstance(result.exception, ZeroDivisionError)


def test_os_errors_without_a_file_name_still_read_as_one_sentence():
    from autograder.cli.boundary import one_line

    assert one_line(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))).startswith("the disk or USB stick is full")
