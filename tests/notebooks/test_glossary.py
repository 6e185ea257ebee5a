"""A student prints one glossary of the whole course; it always matches the notebooks."""
from __future__ import annotations

from pathlib import Path

import pytest

from autograder.course.glossary import glossary_markdown, notebook_words
from autograder.course.project import Project

PROJECT = Project(Path(__file__).resolve().parents[2])
TAUGHT = [(w.id, p) for w in PROJECT.syllabus.weeks for p in PROJECT.source_notebooks(w.id)
          if p.name.startswith(("lesson-", "lab-"))]


@pytest.mark.parametrize("week, path", TAUGHT, ids=[f"{w}/{p.name}" for w, p in TAUGHT])
def test_every_lesson_and_lab_ends_with_its_words_in_three_languages(week: str, path: Path):
    words = notebook_words(path, week)
    assert len(words) >= 5, f"{week}/{path.name}: the 'Words of the week' table has {len(words)} words; it needs 5"
    for w in words:
        assert w.english and w.bengali and w.hindi and w.meaning, f"{week}/{path.name}: '{w.english}' lacks a column"


def test_the_glossary_file_matches_the_notebooks():
    committed = (PROJECT.root / "docs" / "GLOSSARY.md").read_text(encoding="utf-8")
    assert committed == glossary_markdown(PROJECT), (
        "docs/GLOSSARY.md is out of date: run `autograder glossary` and commit it")
