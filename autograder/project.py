"""Where a course project keeps its files.

A project is a folder holding `nbgrader_config.py` and `course/` (nbgrader's course root,
with `syllabus.toml`, `source/`, `release/` and the generated folders).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from autograder.errors import ProjectNotFound
from autograder.syllabus import Syllabus, load_syllabus

CONFIG_NAME = "nbgrader_config.py"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def course(self) -> Path:
        return self.root / "course"

    @property
    def source(self) -> Path:
        return self.course / "source"

    @property
    def release(self) -> Path:
        return self.course / "release"

    @property
    def submitted(self) -> Path:
        return self.course / "submitted"

    @property
    def autograded(self) -> Path:
        return self.course / "autograded"

    @property
    def feedback(self) -> Path:
        return self.course / "feedback"

    @property
    def archive(self) -> Path:
        return self.course / "archive"

    @property
    def outbound(self) -> Path:
        return self.course / "outbound"

    @property
    def gradebook_file(self) -> Path:
        return self.course / "gradebook.db"

    @property
    def wrong_answers(self) -> Path:
        """Typical wrong answers of each week, which validation proves never earn full marks."""
        return self.course / "checks" / "wrong_answers"

    @property
    def syllabus_file(self) -> Path:
        return self.course / "syllabus.toml"

    @cached_property
    def syllabus(self) -> Syllabus:
        return load_syllabus(self.syllabus_file)

    def source_notebooks(self, week_id: str) -> list[Path]:
        return sorted((self.source / week_id).glob("*.ipynb"))

    def release_notebooks(self, week_id: str) -> list[Path]:
        return sorted((self.release / week_id).glob("*.ipynb"))


def find_project(start: Path | None = None) -> Project:
    """The project holding `start` (default: $PATHWAYS_PROJECT or the current folder)."""
    start = Path(start or os.environ.get("PATHWAYS_PROJECT") or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file() and (folder / "course").is_dir():
            return Project(folder)
    raise ProjectNotFound(f"No course found in {start} or above it (looked for {CONFIG_NAME} "
                          "beside a course/ folder); run the command inside the course folder "
                          "or pass --project DIR.")
