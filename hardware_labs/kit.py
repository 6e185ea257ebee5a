"""The course kit: which part sits on which BCM pin, and which parts each lab uses.

Every lab, lesson and test names pins through these constants, so the wiring diagram, the
simulated board and the grader always agree with the handout.
"""
from __future__ import annotations

from dataclasses import dataclass

RED_LED = 17
AMBER_LED = 27
GREEN_LED = 22
BUTTON = 2
BUTTON_2 = 3
BUZZER = 18
PIR = 4


@dataclass(frozen=True)
class Part:
    """One part of the kit wired to one GPIO pin."""

    kind: str     # "led", "buzzer", "button" or "motion"
    pin: int      # BCM number
    label: str    # what the student calls it
    colour: str = ""

    @property
    def is_input(self) -> bool:
        return self.kind in ("button", "motion")


RED = Part("led", RED_LED, "red LED", "#e53935")
AMBER = Part("led", AMBER_LED, "amber LED", "#ffb300")
GREEN = Part("led", GREEN_LED, "green LED", "#43a047")
PUSH_BUTTON = Part("button", BUTTON, "button")
SECOND_BUTTON = Part("button", BUTTON_2, "second button")
# The buzzer is an active buzzer MODULE: a small board with its own transistor and three
# pins, VCC (to 3V3, pin 17), GND and I/O (to GPIO18). The pin only switches the
# transistor; a bare buzzer can need more current than a pin's ~16 mA. Some modules are
# active-low (they sound while I/O is LOW): Buzzer(BUZZER, active_high=False) drives those.
ACTIVE_BUZZER = Part("buzzer", BUZZER, "buzzer")
# The motion sensor is an HC-SR501 PIR: VCC to 5V (pin 2), GND, OUT to GPIO4. Its OUT gives
# about 3.3 V on the common boards; check each sensor, never put a 5 V output on a GPIO pin.
MOTION_SENSOR = Part("motion", PIR, "motion sensor")

ALL_PARTS: tuple[Part, ...] = (RED, AMBER, GREEN, PUSH_BUTTON, SECOND_BUTTON,
                               ACTIVE_BUZZER, MOTION_SENSOR)

LAB_PARTS: dict[str, tuple[Part, ...]] = {
    "H1": (RED,),
    "H2": (RED, PUSH_BUTTON),
    "H3": (RED, AMBER, GREEN, PUSH_BUTTON, ACTIVE_BUZZER),
    "H4": (RED, PUSH_BUTTON, ACTIVE_BUZZER),
    "H5": (GREEN, RED, MOTION_SENSOR, PUSH_BUTTON),
}


def parts_for(lab_or_parts: str | tuple[Part, ...] | list[Part] | None) -> tuple[Part, ...]:
    """The parts of a lab id ("H1" … "H5"), a given list of parts, or the whole kit."""
    if lab_or_parts is None:
        return ALL_PARTS
    if isinstance(lab_or_parts, str):
        try:
            return LAB_PARTS[lab_or_parts.upper()]
        except KeyError:
            known = ", ".join(LAB_PARTS)
            raise ValueError(f"There is no lab called {lab_or_parts!r}; use one of {known}.") from None
    return tuple(lab_or_parts)
