"""On a real Raspberry Pi with the kit wired: the labs drive the real pins (opt-in).

Run on the Pi, with the kit wired as in the lab pictures and nobody touching the buttons:

    PATHWAYS_REAL_PI=1 .venv/bin/python -m pytest -m real_pi tests/hardware_labs

Skipped everywhere else (laptops, CI), and on a Pi unless PATHWAYS_REAL_PI=1 says the kit is
there: a Pi in a box with nothing wired must not fail the course's tests.
"""
import os
import time

import pytest
from gpiozero import LED, Button, Buzzer, Device

from hardware_labs import kit, start_lab
from hardware_labs.pin_factories import BoardMockFactory, ReclaimPinsMixin, on_raspberry_pi

pytestmark = [
    pytest.mark.real_pi,
    pytest.mark.skipif(not on_raspberry_pi() or os.environ.get("PATHWAYS_REAL_PI") != "1",
                       reason="needs a Raspberry Pi with the kit wired and PATHWAYS_REAL_PI=1"),
]


@pytest.fixture(autouse=True)
def real_pins(monkeypatch):
    """Undo the pretend pins every other hardware test uses: gpiozero picks the Pi's own."""
    monkeypatch.delenv("GPIOZERO_PIN_FACTORY", raising=False)
    Device.pin_factory = None
    yield


def test_a_lab_on_the_pi_uses_the_real_pins_and_shows_no_pretend_board():
    lab = start_lab("H1")
    assert not lab.simulated and lab.board is None
    assert isinstance(Device.pin_factory, ReclaimPinsMixin)
    assert not isinstance(Device.pin_factory, BoardMockFactory)
    assert "Real pins" in lab.describe()


def test_running_a_cell_again_on_the_pi_does_not_say_pin_in_use():
    start_lab("H1", show_board=False)
    first = LED(kit.RED_LED)
    second = LED(kit.RED_LED)
    assert first.closed and not second.closed
    second.on()
    assert second.is_lit and second.pin.state
    second.off()


def test_a_bounded_blink_on_the_real_led_ends_on_time_and_off():
    start_lab("H1", show_board=False)
    red = LED(kit.RED_LED)
    started = time.monotonic()
    red.blink(on_time=0.1, off_time=0.1, n=3, background=False)
    took = time.monotonic() - started
    assert 0.5 <= took < 1.5, f"3 blinks of 0.2 s took {took:.2f} s"
    assert not red.is_lit


def test_the_buttons_rest_unpressed_and_the_buzzer_pin_can_be_driven():
    start_lab("H4", show_board=False)
    button = Button(kit.BUTTON)
    assert not button.is_pressed, "GPIO2 reads 'pressed' with nobody pressing: check the button's wires"
    buzzer = Buzzer(kit.BUZZER)
    buzzer.beep(on_time=0.05, off_time=0.05, n=2, background=False)
    assert not buzzer.is_active
