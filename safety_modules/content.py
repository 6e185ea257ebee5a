"""Safety module content (scenarios, choices, warning signs, key words) read from TOML files.

The words live in `safety_modules/content/S<n>-<slug>.toml` so a centre and its partner
organisations can review and change them without touching code.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


class ContentError(ValueError):
    """A content file is missing or does not have the fields a module needs."""


@dataclass(frozen=True)
class Choice:
    text: str
    best: bool
    feedback: str


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    story: str
    question: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class SortItem:
    text: str
    warning_sign: bool
    why: str


@dataclass(frozen=True)
class Sorter:
    id: str
    prompt: str
    items: tuple[SortItem, ...]


@dataclass(frozen=True)
class KeyWord:
    english: str
    bengali: str
    hindi: str
    meaning: str


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    week: str
    covers: str
    scenarios: tuple[Scenario, ...]
    sorters: tuple[Sorter, ...]
    words: tuple[KeyWord, ...]

    def scenario(self, scenario_id: str) -> Scenario:
        return _find(self.scenarios, scenario_id, f"scenario in {self.id}")

    def sorter(self, sorter_id: str) -> Sorter:
        return _find(self.sorters, sorter_id, f"sorter in {self.id}")


def _find(items, wanted: str, what: str):  # noqa: ANN001, ANN202
    for item in items:
        if item.id == wanted:
            return item
    known = ", ".join(i.id for i in items) or "none"
    raise ContentError(f"No {what} called {wanted!r}; the file has: {known}.")


def content_files() -> dict[str, str]:
    """Module id -> file name, for every content file shipped with the package."""
    folder = resources.files("safety_modules").joinpath("content")
    found = {}
    for entry in folder.iterdir():
        if entry.name.startswith("S") and entry.name.endswith(".toml"):
            found[entry.name.split("-", 1)[0]] = entry.name
    return found


@cache
def load_module(module_id: str) -> Module:
    """The content of one module, e.g. ``load_module("S2")``."""
    files = content_files()
    if module_id not in files:
        raise ContentError(f"No content file for safety module {module_id}; expected "
                           f"safety_modules/content/{module_id}-<slug>.toml.")
    name = files[module_id]
    text = resources.files("safety_modules").joinpath("content", name).read_text(encoding="utf-8")
    try:
        return _parse(tomllib.loads(text))
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"safety_modules/content/{name}: {error}; "
                           "see the other module files for the fields each part needs.") from error


def _parse(data: dict) -> Module:
    scenarios = tuple(
        Scenario(id=s["id"], title=s["title"], story=s["story"].strip(), question=s["question"],
                 choices=tuple(Choice(c["text"], bool(c.get("best", False)), c["feedback"].strip())
                               for c in s["choices"]))
        for s in data.get("scenarios", ()))
    sorters = tuple(
        Sorter(id=s["id"], prompt=s["prompt"],
               items=tuple(SortItem(i["text"], bool(i["warning_sign"]), i["why"].strip())
                           for i in s["items"]))
        for s in data.get("sorters", ()))
    words = tuple(KeyWord(w["english"], w["bengali"], w["hindi"], w["meaning"])
                  for w in data.get("words", ()))
    return Module(id=data["id"], title=data["title"], week=data["week"],
                  covers=data["covers"].strip(), scenarios=scenarios, sorters=sorters, words=words)
