"""Word cards for the classroom wall and for days without power: every glossary word, cut
out from A4, with its Bengali and Hindi as real text (printed through Chromium)."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from autograder.cli import main
from autograder.course.glossary import collect

needs_printing = pytest.mark.skipif(not shutil.which("chromium") or not shutil.which("pdftotext"),
                                    reason="needs Chromium and poppler-utils (the set-up installs both)")


@needs_printing
def test_word_cards_print_every_word_with_its_bengali_and_hindi_as_text(repo_project, tmp_path):
    result = CliRunner().invoke(main, ["--project", str(repo_project.root), "glossary", "--cards",
                                       "--to", str(tmp_path / "print")])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "print" / "word-cards.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = collect(repo_project)
    buzzer = next(w for w in words if w.english == "buzzer")
    assert "buzzer" in text and buzzer.bengali in text and buzzer.hindi in text
    flowing = " ".join(text.split())  # a long word wraps onto two lines on its card
    missing = [w.english for w in words if " ".join(w.english.split()) not in flowing]
    assert not missing, f"cards missing from the PDF: {missing[:5]}"
    assert "drafts until a native speaker signs them off" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info


def test_cards_need_a_folder(repo_project):
    result = CliRunner().invoke(main, ["--project", str(repo_project.root), "glossary", "--cards"])
    assert result.exit_code == 2 and "--cards needs --to FOLDER" in result.output
