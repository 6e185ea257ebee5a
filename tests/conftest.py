"""Shared test set-up: the repository's course project, and a quiet grader."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from autograder.project import Project

REPO = Path(__file__).resolve().parents[1]

# Hardware labs are graded on gpiozero's mock pins: no test may need a Raspberry Pi.
os.environ.setdefault("GPIOZERO_PIN_FACTORY", "mock")
warnings.filterwarnings("ignore", message=".*not in session.*")


@pytest.fixture(scope="session")
def repo_project() -> Project:
    return Project(REPO)
