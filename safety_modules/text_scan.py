"""Find phone-number-like and address-like strings, and forbidden words, in course text.

Used by the tests (and by reviewers) to keep every number and address in the help
directory, and the safety content free of words the safety guide forbids.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import nbformat

HELP_WORDS = re.compile(r"\b(call|calls|dial|helpline|help line|phone|ring|contact|whatsapp|sms)\b",
                        re.IGNORECASE)
NEAR = 25  # characters before a short number where a help word makes it phone-like
SHORT_NUMBER = re.compile(r"(?<![\w.₹-])(\d{3,5})(?![\w.%]|-\d)")
LONG_NUMBER = re.compile(r"(?<![\w.-])(?:\+91[\s-]?)?(?:\d{10,}|\d{5}[\s-]\d{5}|"
                         r"\d{3,4}[\s-]\d{3,4}[\s-]\d{4})(?![\w-])")
TOLL_FREE = re.compile(r"\b1-?800-?[\d-]{6,}\b")
ADDRESS = re.compile(r"(?i)\b(?:https?://)?(?:[a-z0-9-]+\.)+(?:in|com|org|net|gov|co|xyz|online|"
                     r"site|info|example|invalid|test)\b(?!\w|\.\w|\()")
RESERVED = re.compile(r"(?i)(\.example|\.invalid|\.test|(^|\.)example\.(com|org|net))$")


def texts_of(path: Path) -> Iterator[str]:
    """The human-readable text of a file: every cell of a notebook, or the whole file."""
    if path.suffix == ".ipynb":
        for cell in nbformat.read(path, as_version=4).cells:
            yield cell.source
    else:
        yield path.read_text(encoding="utf-8")


def phone_like(text: str) -> set[str]:
    """Numbers that look like phone numbers: long ones, toll-free ones, short ones said near 'call'."""
    found = {m.group(0).strip() for m in LONG_NUMBER.finditer(text)}
    found |= {m.group(0) for m in TOLL_FREE.finditer(text)}
    inside_long = " ".join(found)
    for match in SHORT_NUMBER.finditer(text):
        before = re.split(r"[.!?\n]\s", text[max(0, match.start() - NEAR):match.start()])[-1]
        if HELP_WORDS.search(before) and match.group(1) not in inside_long:
            found.add(match.group(1))
    return found


def is_practice_number(number: str) -> bool:
    """Made-up phone numbers for exercises: they start with 00000, as no real number does."""
    digits = re.sub(r"[\s-]", "", number).removeprefix("+91")
    return 9 <= len(digits) <= 13 and digits.isdigit() and digits.startswith("00000")


def address_like(text: str) -> set[str]:
    """Web and e-mail addresses (the domain part), without http:// or a trailing dot."""
    found = set()
    for match in ADDRESS.finditer(text):
        address = re.sub(r"(?i)^https?://", "", match.group(0)).lower()
        found.add(address.removeprefix("www."))
    return found


def is_reserved(address: str) -> bool:
    """Addresses that can never be real (RFC 2606): fine for made-up examples."""
    return bool(RESERVED.search(address))


def practice_addresses() -> set[str]:
    text = resources.files("safety_modules").joinpath("data", "practice_addresses.toml").read_text(
        encoding="utf-8")
    return {a.lower() for a in tomllib.loads(text)["addresses"]}


def forbidden_words() -> list[str]:
    text = resources.files("safety_modules").joinpath("data", "forbidden_words.toml").read_text(
        encoding="utf-8")
    return tomllib.loads(text)["words"]


def forbidden_in(text: str, words: list[str]) -> list[str]:
    """The forbidden words or phrases that occur in ``text`` as whole words."""
    lowered = text.lower().replace("’", "'")
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", lowered)]
