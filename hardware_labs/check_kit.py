"""Check a wired kit before class: each LED lights, the buzzer beeps, the button answers.

    python -m hardware_labs.check_kit          # on the Pi, with the kit wired as in the labs

On a laptop it runs on pretend pins (and a friend presses the button), so it shows the steps.
"""
from __future__ import annotations

import sys
import time

from gpiozero import LED, Button, Buzzer

from . import kit
from .lab import start_lab

WAIT_FOR_BUTTON = 10


def check_kit(seconds_each: float = 0.5) -> list[str]:
    """Run through the kit; return the problems found (an empty list means all good)."""
    lab = start_lab(None, show_board=False)
    problems = []
    for part in (kit.RED, kit.AMBER, kit.GREEN):
        print(f"The {part.label} (GPIO{part.pin}) should light now.")
        led = LED(part.pin)
        led.on()
        time.sleep(seconds_each)
        led.off()
    print(f"The buzzer (GPIO{kit.BUZZER}) should beep now.")
    buzzer = Buzzer(kit.BUZZER)
    buzzer.beep(on_time=0.1, off_time=0.1, n=2, background=False)
    button = Button(kit.BUTTON)
    if lab.simulated:
        lab.press_later(kit.BUTTON, after=0.2)
    print(f"Press the button (GPIO{kit.BUTTON}) within {WAIT_FOR_BUTTON} seconds.")
    if not button.wait_for_press(timeout=WAIT_FOR_BUTTON):
        problems.append(f"No press from the button on GPIO{kit.BUTTON} (pin 3): check that it "
                        "sits across the gap of the breadboard and goes to a GND pin.")
    lab.reset()
    return problems


def main() -> int:
    problems = check_kit()
    for problem in problems:
        print(f"Problem: {problem}")
    if not problems:
        print("The button works. If every LED lit and the buzzer beeped, the kit is ready.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
