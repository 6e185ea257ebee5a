"""A centre's partners sign off the safety materials; a later change needs review again."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from autograder.course.project import Project
from autograder.course.reviews import (ReviewError, load_sign_offs, review_states, sign,
                                week_review_warnings)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def course(tmp_path: Path) -> Project:
    """A copy of the course's syllabus, S2's three files and the reviews file."""
    project = Project(tmp_path)
    (tmp_path / "course" / "source" / "week04").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copy(ROOT / "course" / "syllabus.toml", tmp_path / "course")
    shutil.copy(ROOT / "course/source/week04/safety-fake-job-offers.ipynb", tmp_path / "course/source/week04")
    for folder in ("content", "guides", "data"):
        (tmp_path / "safety_modules" / folder).mkdir(parents=True)
    shutil.copy(ROOT / "safety_modules/content/S2-fake-job-offers.toml", tmp_path / "safety_modules/content")
    shutil.copy(ROOT / "safety_modules/guides/S2-fake-job-offers.md", tmp_path / "safety_modules/guides")
    shutil.copy(ROOT / "safety_modules/data/reviews.toml", tmp_path / "safety_modules/data")
    return project


def test_nothing_is_signed_off_in_the_course_as_shipped():
    states = {s.item: s.state for s in review_states(Project(ROOT))}
    assert set(states) >= {f"S{n}" for n in range(1, 9)} | {"glossary", "parents_letter"}
    assert set(states.values()) == {"not reviewed"}


def test_a_week_with_an_unreviewed_module_says_so_and_a_week_without_one_says_nothing(course):
    assert week_review_warnings(course, "week04") == [
        "S2: needs local review before use (nobody has signed it off)"]
    assert week_review_warnings(course, "week02") == []


def test_a_sign_off_covers_the_files_as_they_were_until_they_change(course):
    sign(course, "S2", reviewed_by="Rumana Begum", organisation="Khidirpur partner collective",
         date=dt.date(2027, 1, 2))
    assert week_review_warnings(course, "week04") == []
    state = {s.item: s for s in review_states(course)}["S2"]
    assert state.sentence() == "S2: signed off by Rumana Begum (Khidirpur partner collective) on 2027-01-02"

    guide = course.root / "safety_modules/guides/S2-fake-job-offers.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    assert week_review_warnings(course, "week04") == [
        "S2: changed since Khidirpur partner collective reviewed it on 2027-01-02; "
        "needs local review again before use"]


def test_signing_keeps_earlier_sign_offs_and_the_latest_counts(course):
    sign(course, "S2", reviewed_by="A", organisation="Org one", date=dt.date(2027, 1, 2))
    sign(course, "S2", reviewed_by="B", organisation="Org two", date=dt.date(2027, 2, 3))
    text = (course.root / "safety_modules/data/reviews.toml").read_text(encoding="utf-8")
    assert text.count("[[review]]") == 2
    assert load_sign_offs(course)["S2"].organisation == "Org two"


def test_unknown_items_and_missing_names_are_refused_with_the_fix(course):
    with pytest.raises(ReviewError, match="'S9' is not something to review; choose one of: S1"):
        sign(course, "S9", reviewed_by="A", organisation="B")
    with pytest.raises(ReviewError, match="needs the reviewer's name"):
        sign(course, "S2", reviewed_by=" ", organisation="B")


def test_a_damaged_reviews_file_is_one_clear_line(course):
    (course.root / "safety_modules/data/reviews.toml").write_text("[[review]\nitem = ", encoding="utf-8")
    with pytest.raises(ReviewError, match="reviews.toml cannot be read"):
        review_states(course)
