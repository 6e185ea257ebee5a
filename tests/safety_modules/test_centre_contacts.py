"""The referral sheet a centre prints: its own counsellor and partners first, then the help
card. The centre's contacts are checked as strictly as the help directory."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from autograder.cli import main
from safety_modules import centre_contacts
from safety_modules.centre_contacts import load_contacts
from safety_modules.content import ContentError

GOOD = '''checked = "2027-01 (centre coordinator)"
[[contact]]
name = "Centre counsellor"
when = "You want to talk about something that worries you."
numbers = ["{number}"]
addresses = ["{address}"]
checked_by = "coordinator"
'''


def contacts_file(tmp_path, number="00000 12345", address="counsel.example", **drop):
    text = GOOD.format(number=number, address=address)
    for key in drop:
        text = "\n".join(line for line in text.splitlines() if not line.startswith(key))
    path = tmp_path / "centre_contacts.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_holds_only_practice_entries():
    for contact in load_contacts().contacts:
        assert "practice entry" in contact.name
        assert all(n.startswith("00000") for n in contact.numbers)


@pytest.mark.parametrize("number, address, says", [
    ("123", "counsel.example", "'123' does not look like a phone number"),
    ("00000 12345", "not an address", "does not look like a web or e-mail address"),
])
def test_a_wrong_number_or_address_is_refused_naming_the_contact(tmp_path, number, address, says):
    with pytest.raises(ContentError, match=says) as raised:
        load_contacts(contacts_file(tmp_path, number, address))
    assert "contact 1 (Centre counsellor)" in str(raised.value)


def test_a_contact_without_who_checked_it_is_refused(tmp_path):
    with pytest.raises(ContentError, match="has no checked_by"):
        load_contacts(contacts_file(tmp_path, checked_by=True))


@pytest.mark.skipif(not shutil.which("chromium") or not shutil.which("pdftotext"),
                    reason="needs Chromium and poppler-utils (the set-up installs both)")
def test_the_referral_sheet_prints_the_centre_first_then_the_helplines(repo_project, tmp_path, monkeypatch):
    monkeypatch.setattr(centre_contacts, "default_file", lambda: contacts_file(tmp_path))
    result = CliRunner().invoke(main, ["--project", str(repo_project.root), "help-card", "--to", str(tmp_path / "print")])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(tmp_path / "print" / "referral-sheet.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert text.index("Centre counsellor") < text.index("1098") and "00000 12345" in text
    assert "Checked: 2027-01 (centre coordinator)" in text


def test_a_broken_contacts_file_is_one_line_through_the_command(repo_project, tmp_path, monkeypatch):
    monkeypatch.setattr(centre_contacts, "default_file", lambda: contacts_file(tmp_path, number="12"))
    result = CliRunner().invoke(main, ["--project", str(repo_project.root), "help-card", "--to", str(tmp_path / "p")])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "Traceback" not in result.output
    assert not (tmp_path / "p" / "referral-sheet.pdf").exists()
