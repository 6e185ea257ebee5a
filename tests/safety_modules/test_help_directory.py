"""Every number and address in the course is one a centre can check in the help directory."""
from pathlib import Path

import pytest

from safety_modules import helpline_for, load_directory
from safety_modules.centre_contacts import load_contacts
from safety_modules.text_scan import (
    address_like,
    is_practice_number,
    is_reserved,
    phone_like,
    practice_addresses,
    texts_of,
)

ROOT = Path(__file__).resolve().parents[2]
FACT_NUMBERS = {"112", "100", "1098", "1930", "14416", "1-800-891-4416"}
FACT_ADDRESSES = {"cybercrime.gov.in", "sancharsaathi.gov.in", "emigrate.gov.in",
                  "myaadhaar.uidai.gov.in"}


def course_text_files() -> list[Path]:
    """Notebooks, guides, notes and content: everything a student or facilitator reads."""
    patterns = ["course/source/**/*.ipynb", "course/source/**/*.md", "course/source/**/*.toml",
                "course/source/**/*.csv", "safety_modules/**/*.md",
                "safety_modules/**/*.toml", "instructor_notes/**/*.md", "hardware_labs/**/*.md",
                "docs/**/*.md", "README.md"]
    files = {p for pattern in patterns for p in ROOT.glob(pattern)}
    skip = {"forbidden_words.toml", "practice_addresses.toml"}
    return sorted(p for p in files if p.name not in skip)


def test_the_directory_holds_only_the_facts_of_the_safety_guide():
    directory = load_directory()
    assert directory.numbers() == FACT_NUMBERS
    assert directory.addresses() == FACT_ADDRESSES
    for service in directory.services:
        assert service.source and service.fact, f"{service.id} needs its fact and its source"


def test_practice_numbers_start_with_five_zeros_and_nothing_real_does():
    assert is_practice_number("00000 12345") and is_practice_number("0000012345")
    assert is_practice_number("+91 00000-12345")
    assert not is_practice_number("98300 12345") and not is_practice_number("1098")
    assert is_practice_number("00000123456"), "an 11-digit practice number (too long on purpose) is fine"
    assert not is_practice_number("0000"), "four zeros alone are not a phone number"


def test_the_text_scan_finds_what_a_reviewer_would():
    text = ("Call 1098 any time. Scored 112 runs today. Dial 98300 12345. "
            "Toll free 1-800-891-4416. Visit https://www.cybercrime.gov.in. Costs ₹1930.")
    assert phone_like(text) == {"1098", "98300 12345", "1-800-891-4416"}
    assert address_like(text) == {"cybercrime.gov.in"}
    assert address_like("write to jobs@hr-desk.example or see offers.test") == {
        "hr-desk.example", "offers.test"}
    assert is_reserved("hr-desk.example") and not is_reserved("cybercrlme.gov.in")


@pytest.mark.parametrize("path", course_text_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_number_and_address_is_in_the_help_directory(path):
    directory, centre = load_directory(), load_contacts()
    allowed_numbers = directory.numbers() | {n for c in centre.contacts for n in c.numbers}
    allowed_addresses = directory.addresses() | practice_addresses() | {a for c in centre.contacts for a in c.addresses}
    for text in texts_of(path):
        for number in phone_like(text):
            assert number in allowed_numbers or is_practice_number(number), (
                f"{path.relative_to(ROOT)}: {number!r} looks like a phone number but is not in "
                "safety_modules/data/help_directory.toml. Use a number from the directory, a "
                "made-up code with letters, or a practice number that starts with 00000 "
                "(like 00000 12345) for practice data.")
        for address in address_like(text):
            assert address in allowed_addresses or is_reserved(address), (
                f"{path.relative_to(ROOT)}: {address!r} looks like a web or e-mail address but is "
                "not in the help directory. Use a made-up address ending in .example, or list a "
                "practice look-alike in safety_modules/data/practice_addresses.toml.")


@pytest.mark.parametrize("situation, number", [
    ("Someone is in danger right now", "112"),
    ("I lost money to a fraud on UPI", "1930"),
    ("A scam SMS with a strange link, but I did not pay", None),
    ("A child is being made to work and cannot go to school", "1098"),
    ("I feel sad and worried and want to talk", "14416"),
])
def test_helpline_for_points_to_the_right_service(situation, number):
    service = helpline_for(situation)
    if number is None:
        assert service.id == "chakshu"
    else:
        assert number in service.numbers


def test_nothing_matches_gives_no_service():
    assert helpline_for("cricket scores") is None
