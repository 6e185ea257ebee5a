"""Facilitators edit content files; students click through scenarios; nothing is kept."""
from pathlib import Path

import pytest

from safety_modules import help_card, load_module, scenario_card, warning_sign_sorter
from safety_modules.content import content_files
from safety_modules.text_scan import forbidden_in, forbidden_words, texts_of

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(content_files())


@pytest.mark.parametrize("module_id", MODULES)
def test_each_module_file_loads_with_scenarios_that_have_one_best_choice(module_id):
    module = load_module(module_id)
    assert module.covers and module.words and module.scenarios
    for scenario in module.scenarios:
        best = [c for c in scenario.choices if c.best]
        assert len(best) == 1, f"{module_id} {scenario.id}: exactly one choice should be best"
        assert all(c.feedback for c in scenario.choices), f"{module_id} {scenario.id}: explain every choice"


def test_choosing_in_a_scenario_card_explains_the_choice():
    card = scenario_card("S1", "an-uneasy-offer")
    assert "Choose one answer first" in card.show_feedback()
    card.choices.value = 0
    assert card.show_feedback().startswith("Many people might do this.")
    card.choices.value = 1
    message = card.show_feedback()
    assert message.startswith("A safe choice.") and "trusted adult" in message
    assert "A safe choice." in card.feedback.value


def test_skipping_a_scenario_is_always_possible_and_clears_the_choice():
    card = scenario_card("S1", "saying-pass")
    card.choices.value = 2
    card.skip()
    assert card.choices.value is None and "Skipped. That is fine." in card.feedback.value


def test_the_sorter_explains_every_item_and_counts_the_right_ones():
    sorter = warning_sign_sorter("S1", "trusted-adult")
    for toggle, item in zip(sorter.toggles, sorter.sorter.items, strict=True):
        toggle.value = "warning sign" if item.warning_sign else "seems fine"
    sorter.toggles[0].value = "warning sign"        # one mistake
    sorter.toggles[-1].value = None                 # one left out
    assert sorter.check() == "4 of 6 sorted well. Read the notes below, then try again."
    assert "Not sorted yet" in sorter.result.value and "✗" in sorter.result.value


def test_widgets_read_as_text_where_widgets_cannot_be_drawn():
    assert "(b) Talk to a trusted adult" in repr(scenario_card("S1", "an-uneasy-offer"))
    assert "1098" in repr(help_card()) and "Check these numbers with your centre." in repr(help_card())


def test_the_text_form_never_shows_what_the_student_chose():
    card = scenario_card("S1", "an-uneasy-offer")
    before = repr(card)
    card.choices.value = 0
    card.show_feedback()
    assert repr(card) == before


def test_an_unknown_scenario_names_the_ones_that_exist():
    with pytest.raises(ValueError, match="laughing-at-a-mistake"):
        scenario_card("S1", "no-such-story")


def safety_text_files() -> list[Path]:
    files = list(ROOT.glob("course/source/*/safety-*.ipynb"))
    files += list(ROOT.glob("safety_modules/content/*.toml"))
    files += list(ROOT.glob("safety_modules/guides/*.md"))
    return sorted(files)


@pytest.mark.parametrize("path", safety_text_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_safety_content_never_uses_the_words_the_guide_forbids(path):
    words = forbidden_words()
    for text in texts_of(path):
        found = forbidden_in(text, words)
        assert not found, (f"{path.relative_to(ROOT)} uses {found}; docs/SAFETY_FACTS.md forbids them. "
                           "Reword (see safety_modules/data/forbidden_words.toml).")
