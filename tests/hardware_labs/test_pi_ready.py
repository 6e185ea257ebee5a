"""Before class, a teacher asks each Pi whether it is ready and gets one line per need."""
from __future__ import annotations

import nbformat

from hardware_labs.pi_ready import jupyterlab, notebooks, pins


def test_a_laptop_says_it_uses_pretend_pins(monkeypatch):
    monkeypatch.setenv("GPIOZERO_PIN_FACTORY", "mock")
    check = pins()
    assert check.ok and "pretend pins" in check.line


def test_jupyterlab_and_its_kernel_are_found_here():
    check = jupyterlab()
    assert check.ok, check.line


def test_every_weeks_notebook_opens_or_is_named(tmp_path):
    (tmp_path / "week01").mkdir()
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "week01" / "lesson-a.ipynb")
    assert [c.ok for c in notebooks(tmp_path)] == [True]
    (tmp_path / "week01" / "lesson-b.ipynb").write_text('{"cells": [')  # cut off mid-copy
    [problem] = notebooks(tmp_path)
    assert not problem.ok and "lesson-b.ipynb does not open" in problem.line


def test_an_empty_course_folder_says_what_to_do(tmp_path):
    [problem] = notebooks(tmp_path)
    assert not problem.ok and "run install.sh" in problem.line
