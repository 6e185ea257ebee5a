"""Thin ipywidgets for the safety activities: scenario cards, a warning-sign sorter, the help card.

Each widget reads as plain text where widgets cannot be drawn (nbconvert, feedback pages),
and keeps nothing: a choice lives only in the widget on the student's screen.
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from .content import Scenario, Sorter, load_module
from .help_directory import help_card_html, help_card_text
from .scoring import check_sorting, feedback_for

WARNING, FINE = "warning sign", "seems fine"


class _TextFallback(widgets.VBox):
    """A VBox whose text form is a readable version of the activity."""

    fallback_text = ""

    def __repr__(self) -> str:
        return self.fallback_text


class ScenarioCard(_TextFallback):
    """A short story, a question, choices, and explained feedback for the choice made."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.choices = widgets.RadioButtons(
            options=[(c.text, k) for k, c in enumerate(scenario.choices)], value=None,
            layout=widgets.Layout(width="auto"))
        self.check_button = widgets.Button(description="See what this means",
                                           layout=widgets.Layout(width="200px"))
        self.skip_button = widgets.Button(description="Skip this one",
                                          layout=widgets.Layout(width="140px"))
        self.feedback = widgets.HTML("")
        self.check_button.on_click(lambda _b: self.show_feedback())
        self.skip_button.on_click(lambda _b: self.skip())
        story = widgets.HTML(
            f"<h4 style='margin:4px 0'>{html.escape(scenario.title)}</h4>"
            f"<p style='max-width:720px'>{html.escape(scenario.story)}</p>"
            f"<p><b>{html.escape(scenario.question)}</b></p>")
        super().__init__([story, self.choices,
                          widgets.HBox([self.check_button, self.skip_button]), self.feedback])
        self.fallback_text = "\n".join(
            [scenario.title, scenario.story, scenario.question]
            + [f"  ({chr(97 + k)}) {c.text}" for k, c in enumerate(scenario.choices)])

    def show_feedback(self) -> str:
        result = feedback_for(self.scenario, self.choices.value)
        colour = "#2e7d32" if result.best else "#6d4c41"
        self.feedback.value = (f"<p style='color:{colour};max-width:720px'>"
                               f"{html.escape(result.message)}</p>")
        return result.message

    def skip(self) -> None:
        self.choices.value = None
        self.feedback.value = "<p>Skipped. That is fine. You can come back to it any time.</p>"


class WarningSignSorter(_TextFallback):
    """Sort short statements into "warning sign" or "seems fine"; every item is explained."""

    def __init__(self, sorter: Sorter) -> None:
        self.sorter = sorter
        self.toggles = [widgets.ToggleButtons(options=[WARNING, FINE], value=None,
                                              style={"button_width": "120px"})
                        for _ in sorter.items]
        rows = [widgets.HBox([toggle, widgets.HTML(f"<span style='padding-left:8px'>"
                                                   f"{html.escape(item.text)}</span>")])
                for toggle, item in zip(self.toggles, sorter.items, strict=True)]
        self.check_button = widgets.Button(description="Check my sorting",
                                           layout=widgets.Layout(width="200px"))
        self.result = widgets.HTML("")
        self.check_button.on_click(lambda _b: self.check())
        super().__init__([widgets.HTML(f"<p><b>{html.escape(sorter.prompt)}</b></p>"), *rows,
                          self.check_button, self.result])
        self.fallback_text = "\n".join([sorter.prompt] + [f"  - {i.text}" for i in sorter.items])

    def answers(self) -> dict[int, bool | None]:
        return {k: None if t.value is None else t.value == WARNING
                for k, t in enumerate(self.toggles)}

    def check(self) -> str:
        result = check_sorting(self.sorter, self.answers())
        notes = "".join(f"<li>{html.escape(note)}</li>" for note in result.notes)
        self.result.value = f"<p><b>{html.escape(result.summary)}</b></p><ul>{notes}</ul>"
        return result.summary


class HelpCard(_TextFallback):
    """The help directory as a card (numbers from safety_modules/data/help_directory.toml)."""

    def __init__(self) -> None:
        super().__init__([widgets.HTML(help_card_html())])
        self.fallback_text = help_card_text()


def scenario_card(module_id: str, scenario_id: str) -> ScenarioCard:
    """The card for one scenario of a module, e.g. ``scenario_card("S2", "tailoring-offer")``."""
    return ScenarioCard(load_module(module_id).scenario(scenario_id))


def warning_sign_sorter(module_id: str, sorter_id: str) -> WarningSignSorter:
    return WarningSignSorter(load_module(module_id).sorter(sorter_id))


def help_card() -> HelpCard:
    return HelpCard()
