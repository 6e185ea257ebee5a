"""Safety modules: content as reviewable data, plain logic, and thin widgets.

    from safety_modules import scenario_card, warning_sign_sorter, help_card
    scenario_card("S2", "tailoring-offer")
"""
from .content import load_module
from .help_directory import helpline_for, load_directory
from .widgets import help_card, scenario_card, warning_sign_sorter

__all__ = ["help_card", "helpline_for", "load_directory", "load_module", "scenario_card",
           "warning_sign_sorter"]
