"""A 13-year-old reading English as a second language can follow every notebook alone.

The issue asks for markdown "at about reading grade 8 or easier". Flesch-Kincaid grade and
sentence length are rough measures, but a paragraph of long academic sentences fails them,
and that is the mistake worth catching. Code, tables and headings are left out.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import textstat

from autograder.course.project import Project

PROJECT = Project(Path(__file__).resolve().parents[2])
NOTEBOOKS = [p for w in PROJECT.syllabus.weeks for p in PROJECT.source_notebooks(w.id)]
MAX_GRADE = 8.0
MAX_WORDS_PER_SENTENCE = 15.0


def prose(path: Path) -> str:
    """The notebook's markdown as a reader meets it, without code, tables or headings."""
    parts = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"```.*?```", "", cell.source, flags=re.S)
        text = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith(("|", "#")))
        parts.append(re.sub(r"[*_]", "", re.sub(r"`[^`]*`", "code", text)))
    return "\n".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[f"{p.parent.name}/{p.name}" for p in NOTEBOOKS])
def test_every_notebook_reads_at_grade_8_or_easier(path: Path):
    text = prose(path)
    grade = textstat.flesch_kincaid_grade(text)
    per_sentence = textstat.lexicon_count(text) / max(1, textstat.sentence_count(text))
    where = f"{path.parent.name}/{path.name}"
    assert grade <= MAX_GRADE, f"{where} reads at grade {grade:.1f}; shorten sentences and use plainer words"
    assert per_sentence <= MAX_WORDS_PER_SENTENCE, (
        f"{where} has {per_sentence:.1f} words a sentence on average; aim for about 10")
