"""Week 9's helpline directory reads the help directory; its code never types a number.

A centre updates `safety_modules/data/help_directory.toml`. The week 9 lesson, like S4 beside
it, must follow that file: its locked `directory_data` cell builds `HELPLINES` from
`load_directory()`, and its tests compute what they expect from the same file. A number or
address typed into the lesson's code would split the two after an update, so none may be there.
"""
from __future__ import annotations

import dataclasses
import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import nbformat
import pytest

from safety_modules import help_directory
from safety_modules.help_directory import load_directory

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "course" / "source" / "week09" / "lesson-helpline-directory.ipynb"
KEYS = {"name", "number", "website", "use", "hours", "languages", "keywords"}


def code_cells() -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(LESSON, as_version=4).cells if c.cell_type == "code"]


def cell_name(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id") or cell.get("id", "?")


def literal_pattern(text: str) -> re.Pattern:
    """`text` on its own: not a piece of a longer number, word or address."""
    return re.compile(rf"(?<![\w.-]){re.escape(text)}(?![\w-]|\.\w)", re.IGNORECASE)


def directory_cell_code() -> str:
    found = [c.source for c in code_cells()
             if c.metadata.get("nbgrader", {}).get("grade_id") == "directory_data"]
    assert len(found) == 1, "the week 9 lesson needs exactly one locked cell 'directory_data'"
    return found[0]


def run_directory_cell() -> list[dict]:
    """Run the locked cell the way a student's kernel does, and give back its HELPLINES."""
    names: dict = {}
    with redirect_stdout(io.StringIO()):
        exec(compile(directory_cell_code(), "directory_data", "exec"), names)
    assert "HELPLINES" in names, "the locked cell 'directory_data' should make HELPLINES"
    return names["HELPLINES"]


def expected_entry(service) -> dict:
    """What the lesson teaches for one service, taken from the directory's fields."""
    return {
        "number": " or ".join(service.numbers),
        "website": service.addresses[0] if service.addresses else "",
        "use": service.when,
        "hours": service.hours,
        "languages": "many languages" if "many languages" in service.fact else "",
        "keywords": list(service.keywords),
    }


@pytest.mark.parametrize("literal", sorted(load_directory().numbers() | load_directory().addresses()))
def test_no_number_or_address_of_the_directory_is_typed_in_the_lessons_code(literal):
    pattern = literal_pattern(literal)
    typed = [cell_name(c) for c in code_cells() if pattern.search(c.source)]
    assert not typed, (
        f"week09/{LESSON.name}: {literal!r} is typed in the code of {typed}. Take it from the "
        "help directory (load_directory(), or HELPLINES built from it) so that a centre's update "
        "reaches the lesson and its tests.")


def test_the_scan_would_see_a_typed_number():
    assert literal_pattern("1098").search('"number": "1098",')
    assert literal_pattern("100").search("call 112 or 100")
    assert not literal_pattern("100").search("range(1000)")
    assert not literal_pattern("14416").search("1-800-891-4416")
    assert literal_pattern("cybercrime.gov.in").search("visit CYBERCRIME.gov.in now")


def test_the_locked_cell_builds_helplines_from_the_directory():
    services = load_directory().services
    helplines = run_directory_cell()
    assert len(helplines) == len(services), (
        f"HELPLINES has {len(helplines)} services; the help directory has {len(services)}")
    names = [entry["name"] for entry in helplines]
    assert len(set(names)) == len(names), f"two services have the same name in HELPLINES: {names}"
    for entry, service in zip(helplines, services, strict=True):
        assert set(entry) == KEYS, f"{service.id}: the keys should be {sorted(KEYS)}, not {sorted(entry)}"
        assert isinstance(entry["name"], str) and entry["name"].strip(), f"{service.id} has no name"
        for key, want in expected_entry(service).items():
            assert entry[key] == want, (
                f"{service.id}: HELPLINES has {key} = {entry[key]!r}, but the help directory "
                f"gives {want!r}")


def test_helplines_follow_a_change_to_the_directory(monkeypatch):
    """A centre's update (other numbers, hours, keywords, one more service) reaches HELPLINES."""
    real = load_directory()
    changed = [dataclasses.replace(s, numbers=tuple(f"00000 1234{i}" for i, _ in enumerate(s.numbers)),
                                   addresses=tuple(f"help-{i}.example" for i, _ in enumerate(s.addresses)),
                                   hours=f"checked by the centre: {s.id}",
                                   keywords=s.keywords + ("centre",))
               for s in real.services]
    changed.append(dataclasses.replace(real.services[0], id="centre-desk", name="Centre help desk",
                                       numbers=("00000 99999",), addresses=(), hours="weekdays",
                                       keywords=("centre", "desk")))
    fake = dataclasses.replace(real, services=tuple(changed))
    monkeypatch.setattr(help_directory, "load_directory", lambda: fake)

    helplines = run_directory_cell()
    assert len(helplines) == len(changed), "HELPLINES did not follow a service added to the directory"
    for entry, service in zip(helplines, changed, strict=True):
        for key, want in expected_entry(service).items():
            assert entry[key] == want, (
                f"after a change to the directory, {service.id} has {key} = {entry[key]!r} in "
                f"HELPLINES, not {want!r}: the locked cell must read every value from the directory")
    assert helplines[-1]["name"] == "Centre help desk", (
        "a service without a short name should keep its name from the directory")
