"""The help directory: who to contact for what, read from one file a centre can check."""
from __future__ import annotations

import html
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from safety_modules.content import ContentError

DIRECTORY_FILE = "help_directory.toml"


@dataclass(frozen=True)
class Service:
    """A helpline or reporting website, and when to use it."""

    id: str
    name: str
    when: str
    hours: str
    fact: str
    source: str
    numbers: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    @property
    def contact(self) -> str:
        return " or ".join(self.numbers + self.addresses)


@dataclass(frozen=True)
class CheckPlace:
    """A website for checking something (a recruiter, a masked Aadhaar), not a helpline."""

    id: str
    name: str
    use: str
    source: str
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Directory:
    services: tuple[Service, ...]
    check_places: tuple[CheckPlace, ...]
    checked: str
    card_note: str

    def numbers(self) -> set[str]:
        return {n for s in self.services for n in s.numbers}

    def addresses(self) -> set[str]:
        return ({a for s in self.services for a in s.addresses}
                | {a for c in self.check_places for a in c.addresses})

    def by_id(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        known = ", ".join(s.id for s in self.services)
        raise KeyError(f"No service {service_id!r} in {DIRECTORY_FILE}; known: {known}")


def _read_text(name: str) -> str:
    return resources.files("safety_modules").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_directory() -> Directory:
    """The directory from safety_modules/data/help_directory.toml."""
    try:
        return _parse_directory(tomllib.loads(_read_text(DIRECTORY_FILE)))
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"safety_modules/data/{DIRECTORY_FILE}: {error}; every service needs id, "
                           "name, when, hours, fact and source (see the other entries).") from error


def _parse_directory(data: dict) -> Directory:
    services = tuple(
        Service(id=s["id"], name=s["name"], when=s["when"], hours=s["hours"], fact=s["fact"],
                source=s["source"], numbers=tuple(s.get("numbers", ())),
                addresses=tuple(s.get("addresses", ())), keywords=tuple(s.get("keywords", ())))
        for s in data["service"])
    places = tuple(CheckPlace(id=c["id"], name=c["name"], use=c["use"], source=c["source"],
                              addresses=tuple(c.get("addresses", ())))
                   for c in data.get("check", ()))
    return Directory(services, places, data["checked"], data["card_note"])


def helpline_for(situation: str) -> Service | None:
    """The service whose keywords best match a situation described in words; None if none do.

    Danger always comes first: if the words say "danger" or "emergency", 112 is the answer.
    """
    words = situation.lower()
    best, best_hits = None, 0
    for service in load_directory().services:
        hits = sum(1 for keyword in service.keywords if keyword in words)
        if hits > best_hits:
            best, best_hits = service, hits
    emergency = load_directory().by_id("emergency")
    if any(k in words for k in ("danger", "emergency")):
        return emergency
    return best


def help_card_text() -> str:
    """The help card as plain text (for printouts and places where widgets do not show)."""
    directory = load_directory()
    lines = ["HELP CARD"]
    for s in directory.services:
        lines.append(f"- {s.contact}: {s.name}. {s.when}")
    lines.append(directory.card_note)
    return "\n".join(lines)


def help_card_html() -> str:
    """The help card as a small HTML table that prints well."""
    directory = load_directory()
    rows = "".join(
        f"<tr><td style='font-weight:bold;font-size:120%;padding:4px 10px'>{html.escape(s.contact)}</td>"
        f"<td style='padding:4px 10px'><b>{html.escape(s.name)}</b><br>{html.escape(s.when)}"
        + (f"<br><small>{html.escape(s.hours)}</small>" if s.hours else "") + "</td></tr>"
        for s in directory.services)
    return ("<div style='border:2px solid #2e7d32;border-radius:8px;padding:8px;max-width:720px'>"
            "<h3 style='margin:4px 0'>Help card</h3>"
            f"<table>{rows}</table><p><i>{html.escape(directory.card_note)}</i></p></div>")
