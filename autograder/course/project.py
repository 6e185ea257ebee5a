"""Where a course project keeps its files.

A project is a folder holding `nbgrader_config.py` and `course/` (nbgrader's course root,
with `syllabus.toml`, `source/`, `release/` and the generated folders).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from autograder.course.syllabus import Syllabus, load_syllabus
from autograder.errors import ProjectNotFound

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

    # Files each command reads or writes, named here only.
    @property
    def roster_file(self) -> Path:
        return self.course / "roster.csv"

    @property
    def certificate_rules_file(self) -> Path:
        return self.course / "certificates.toml"

    @property
    def register_file(self) -> Path:
        """Every certificate issued, so a certificate id can be checked later."""
        return self.course / "certificates" / "register.csv"

    @property
    def backups(self) -> Path:
        """Copies of the gradebook `grade` makes before each run."""
        return self.course / "backups"

    @property
    def exchange(self) -> Path:
        """nbgrader's exchange folder; a centre copies files by USB or LAN instead."""
        return self.course / ".exchange"

    @property
    def lock_file(self) -> Path:
        return self.course / ".autograder.lock"

    @property
    def status_cache_file(self) -> Path:
        return self.course / ".status-cache.json"

    @property
    def glossary_file(self) -> Path:
        return self.root / "docs" / "GLOSSARY.md"

    @property
    def parents_letter(self) -> Path:
        return self.root / "docs" / "letters" / "parents-safety-modules.md"

    @property
    def reviews_file(self) -> Path:
        """Local review sign-offs of the safety materials."""
        return self.root / "safety_modules" / "data" / "reviews.toml"

    def safety_content_file(self, slug: str) -> Path:
        return self.root / "safety_modules" / "content" / f"{slug}.toml"

    def safety_guide(self, slug: str) -> Path:
        return self.root / "safety_modules" / "guides" / f"{slug}.md"

    @cached_property
    def syllabus(self) -> Syllabus:
        return load_syllabus(self.syllabus_file)

    def source_notebooks(self, week_id: str) -> list[Path]:
        return sorted((self.source / week_id).glob("*.ipynb"))

    def release_notebooks(self, week_id: str) -> list[Path]:
        return sorted((self.release / week_id).glob("*.ipynb"))

    def submitted_students(self, week_id: str) -> list[str]:
        """Students with a collected submission of the week."""
        if not self.submitted.is_dir():
            return []
        return sorted(p.parent.name for p in self.submitted.glob(f"*/{week_id}") if p.is_dir())

    def missing_notebooks(self, week_id: str) -> list[str]:
        """What the syllabus expects in the week that is not written yet: the lesson (a capstone
        week's project instead), its safety module, its lab. A week never looks complete early."""
        week = self.syllabus.week(week_id)
        names = {p.name for p in self.source_notebooks(week_id)}
        main_kind = "project-" if week.capstone else "lesson-"
        missing = [] if any(n.startswith(main_kind) for n in names) else [
            "a capstone project (project-*.ipynb)" if week.capstone else "a lesson (lesson-*.ipynb)"]
        return missing + [name for name in (week.safety_notebook, week.lab_notebook) if name and name not in names]

    def scratch_copy(self, week_ids: list[str], folder: Path) -> Project:
        """A new course in `folder` holding only the config, syllabus and these weeks' sources."""
        scratch = Project(folder)
        scratch.source.mkdir(parents=True)
        shutil.copy2(self.config_file, scratch.config_file)
        shutil.copy2(self.syllabus_file, scratch.syllabus_file)
        for week_id in week_ids:
            shutil.copytree(self.source / week_id, scratch.source / week_id,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        return scratch


def find_project(start: Path | None = None) -> Project:
    """The project holding `start` (default: $PATHWAYS_PROJECT or the current folder)."""
    start = Path(start or os.environ.get("PATHWAYS_PROJECT") or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file() and (folder / "course").is_dir():
            return Project(folder)
    raise ProjectNotFound(f"No course found in {start} or above it (looked for {CONFIG_NAME} "
                          "beside a course/ folder); run the command inside the course folder "
                          "or pass --project DIR.")
