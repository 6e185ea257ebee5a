"""A student opens a lab on a laptop: pretend pins, a board to watch, cells that re-run."""
import time
from pathlib import Path

import pytest
from gpiozero import LED, PWMLED, Button, Buzzer, Device

from hardware_labs import kit, start_lab
from hardware_labs.board import SimulatedBoard
from hardware_labs.pin_factories import BoardMockFactory, choose_factory, on_raspberry_pi


def test_a_laptop_gets_pretend_pins_and_a_board(capsys):
    lab = start_lab("H1")
    assert lab.simulated and isinstance(Device.pin_factory, BoardMockFactory)
    assert isinstance(lab.board, SimulatedBoard)
    assert "Pretend pins" in capsys.readouterr().out


def test_running_the_same_cell_twice_does_not_say_pin_in_use():
    start_lab("H1", show_board=False)
    first = LED(kit.RED_LED)
    second = LED(kit.RED_LED)          # the student ran the cell again
    assert first.closed and not second.closed
    second.on()
    assert second.is_lit


def test_starting_the_lab_again_closes_every_device_of_the_last_run():
    start_lab("H2", show_board=False)
    led, button = LED(kit.RED_LED), Button(kit.BUTTON)
    start_lab("H2", show_board=False)
    assert led.closed and button.closed
    LED(kit.RED_LED).on()


def test_the_board_lights_up_live_when_the_code_switches_an_led(capsys):
    lab = start_lab("H3")
    red = LED(kit.RED_LED)
    red.on()
    assert "red LED (GPIO17): on" in lab.describe()
    assert "#e53935" in lab.board._outputs[kit.RED_LED][1].value
    red.off()
    assert "red LED (GPIO17): off" in lab.describe()


def test_the_buzzer_and_a_dimmed_led_show_on_the_board():
    lab = start_lab([kit.ACTIVE_BUZZER, kit.GREEN])
    buzzer, green = Buzzer(kit.BUZZER), PWMLED(kit.GREEN_LED)
    buzzer.on()
    green.value = 0.5
    assert "BEEP" in lab.board._outputs[kit.BUZZER][1].value
    assert "green LED (GPIO22): 50%" in lab.describe()
    assert "Simulated board: " in repr(lab.board.widget)


def test_clicking_the_board_button_runs_the_students_when_pressed():
    lab = start_lab("H2")
    led, button = LED(kit.RED_LED), Button(kit.BUTTON)
    button.when_pressed = led.on
    lab.board.act(kit.PUSH_BUTTON, seconds=0.05)
    assert led.is_lit
    time.sleep(0.15)
    assert not button.is_pressed


def test_press_later_presses_while_a_cell_waits():
    lab = start_lab("H2", show_board=False)
    button = Button(kit.BUTTON)
    lab.press_later(kit.BUTTON, after=0.05)
    assert button.wait_for_press(timeout=2)


def test_the_environment_variable_still_wins(monkeypatch):
    monkeypatch.setenv("GPIOZERO_PIN_FACTORY", "mock")
    assert isinstance(choose_factory(), BoardMockFactory)


def test_a_raspberry_pi_is_known_by_its_device_tree(tmp_path: Path):
    model = tmp_path / "model"
    model.write_text("Raspberry Pi 5 Model B Rev 1.0\x00")
    assert on_raspberry_pi(model)
    model.write_text("QEMU Virtual Machine")
    assert not on_raspberry_pi(model)
    assert not on_raspberry_pi(tmp_path / "missing")


def test_an_unknown_lab_id_says_which_ones_exist():
    with pytest.raises(ValueError, match="H1, H2, H3, H4, H5"):
        start_lab("H9")
