"""The centre's own contacts (counsellor, partner organisations), for the referral sheet.

Read from safety_modules/data/centre_contacts.toml, beside the help directory, and checked
by the same rules: a name, who it is for, a number or address that looks like one, and who
checked it. A bad entry stops with one line naming the entry and the fix, never a sheet
that sends a frightened student to a wrong number.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from safety_modules.content import ContentError
from safety_modules.text_scan import address_like, is_practice_number

CONTACTS_FILE = "centre_contacts.toml"


@dataclass(frozen=True)
class Contact:
    name: str
    when: str
    hours: str
    numbers: tuple[str, ...]
    addresses: tuple[str, ...]
    checked_by: str

    @property
    def contact(self) -> str:
        return " or ".join(self.numbers + self.addresses)


@dataclass(frozen=True)
class CentreContacts:
    contacts: tuple[Contact, ...]
    checked: str


def default_file() -> Path:
    return Path(str(resources.files("safety_modules").joinpath("data", CONTACTS_FILE)))


def load_contacts(path: Path | None = None) -> CentreContacts:
    path = path or default_file()
    where = f"safety_modules/data/{CONTACTS_FILE}" if path == default_file() else str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{where} cannot be read ({error}); fix it, or copy the example entries back.") from error
    contacts = tuple(_contact(raw, n, where) for n, raw in enumerate(data.get("contact", []), start=1))
    if not contacts:
        raise ContentError(f"{where} lists no [[contact]]; add the centre's counsellor at least.")
    return CentreContacts(contacts, str(data.get("checked", "")))


def _phone_number(value: str) -> bool:
    """A mobile (10 digits) or a landline with its code (11-12), +91 allowed, or a practice number."""
    digits = re.sub(r"[\s-]", "", value).removeprefix("+91")
    return is_practice_number(value) or (digits.isdigit() and 10 <= len(digits) <= 12)


def _contact(raw: dict, number: int, where: str) -> Contact:
    at = f"{where}, contact {number}"
    for key in ("name", "when", "checked_by"):
        if not str(raw.get(key, "")).strip():
            raise ContentError(f"{at} has no {key}; every contact needs a name, who it is for (when) "
                               "and who checked it (checked_by).")
    numbers = tuple(str(n).strip() for n in raw.get("numbers", []))
    addresses = tuple(str(a).strip() for a in raw.get("addresses", []))
    if not numbers and not addresses:
        raise ContentError(f"{at} ({raw['name']}) has no number or address; add one so a student can reach it.")
    for value in numbers:
        if not _phone_number(value):
            raise ContentError(f"{at} ({raw['name']}): {value!r} does not look like a phone number; "
                               "write 10 digits, or a landline with its code (short helplines belong "
                               "in the help directory).")
    for value in addresses:
        if address_like(value) != {value}:
            raise ContentError(f"{at} ({raw['name']}): {value!r} does not look like a web or e-mail address.")
    return Contact(str(raw["name"]), str(raw["when"]), str(raw.get("hours", "")), numbers, addresses,
                   str(raw["checked_by"]))
