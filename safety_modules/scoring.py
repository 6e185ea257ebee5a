"""The logic behind the activities: explained feedback for a choice, a check of a sorting.

Plain functions, so they are tested without a browser; the widgets only call them.
Nothing here stores what a student chose.
"""
from __future__ import annotations

from dataclasses import dataclass

from .content import Scenario, Sorter


@dataclass(frozen=True)
class ChoiceFeedback:
    best: bool
    message: str


def feedback_for(scenario: Scenario, choice_index: int | None) -> ChoiceFeedback:
    """What to say about one choice: always an explanation, never blame."""
    if choice_index is None or not 0 <= choice_index < len(scenario.choices):
        return ChoiceFeedback(False, "Choose one answer first. You can also skip this one.")
    choice = scenario.choices[choice_index]
    opening = "A safe choice." if choice.best else "Many people might do this. Think about it again:"
    return ChoiceFeedback(choice.best, f"{opening} {choice.feedback}")


@dataclass(frozen=True)
class SortingResult:
    right: int
    total: int
    notes: tuple[str, ...]

    @property
    def summary(self) -> str:
        if self.right == self.total:
            return f"All {self.total} sorted well."
        return f"{self.right} of {self.total} sorted well. Read the notes below, then try again."


def check_sorting(sorter: Sorter, answers: dict[int, bool | None]) -> SortingResult:
    """Compare the student's sorting (item index -> warning sign or not) with the content.

    Every item gets a note: why it is, or is not, a warning sign.
    """
    right, notes = 0, []
    for index, item in enumerate(sorter.items):
        said = answers.get(index)
        if said is None:
            notes.append(f"Not sorted yet: “{item.text}”")
            continue
        if said == item.warning_sign:
            right += 1
            notes.append(f"✓ “{item.text}”: {item.why}")
        else:
            kind = "is a warning sign" if item.warning_sign else "is not a warning sign on its own"
            notes.append(f"✗ “{item.text}” {kind}. {item.why}")
    return SortingResult(right, len(sorter.items), tuple(notes))
