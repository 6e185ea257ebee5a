"""The shape of the house, kept true by tests: one bridge to nbgrader, product code that
never reads tests/, and every command with a help page that shows an example."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from autograder.cli import main

REPO = Path(__file__).resolve().parents[1]
PRODUCT = ("autograder", "hardware_labs", "safety_modules", "benchmarks")
# The bridge, and the grading engine that extends nbgrader's preprocessors and kernel manager.
MAY_IMPORT_NBGRADER = {"autograder/gradebook/bridge.py", "autograder/grade/config.py",
                       "autograder/grade/execute.py"}


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_only_the_bridge_and_the_grading_engine_import_nbgrader():
    offenders = [str(p.relative_to(REPO)) for p in python_files(*PRODUCT)
                 if str(p.relative_to(REPO)) not in MAY_IMPORT_NBGRADER
                 and any(m == "nbgrader" or m.startswith("nbgrader.") for m in imported_modules(p))]
    assert offenders == [], "import nbgrader only in autograder/gradebook/bridge.py (or the grading engine)"


def test_product_code_never_reads_the_tests_folder():
    offenders = []
    for path in python_files(*PRODUCT):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                    node.value == "tests" or node.value.startswith("tests/")):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == [], "course data belongs under course/ (Project names it), not tests/"


def commands(group=main, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from commands(command, (*prefix, name))


@pytest.mark.parametrize("command", list(commands()), ids=" ".join)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`autograder {' '.join(command)} --help` shows no example"
