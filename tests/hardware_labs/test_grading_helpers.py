"""The grader checks a student's blinking, order and buttons, and says kindly what was wrong."""
import time

import pytest
from gpiozero import LED, PWMLED, Button, MotionSensor

from hardware_labs import kit
from hardware_labs.grading import (
    check_blinks,
    check_callback,
    check_gaps,
    check_levels,
    check_on_times,
    check_order,
    check_pin,
    check_stays_off,
    click,
    mock_pins,
    press,
    record,
    release,
    run_with_presses,
)


def blink(led, times, on=0.05, off=0.05):
    for _ in range(times):
        led.on()
        time.sleep(on)
        led.off()
        time.sleep(off)


def test_three_good_blinks_pass():
    with mock_pins():
        red = LED(kit.RED_LED)
        with record(red, "the red LED") as red_pin:
            blink(red, 3)
        check_blinks(red_pin, times=3, on=0.05, off=0.05)
        check_stays_off(red_pin)


def test_an_off_by_one_loop_is_told_how_many_blinks_it_made():
    with mock_pins():
        red = LED(kit.RED_LED)
        with record(red, "the red LED") as red_pin:
            blink(red, 2)
        with pytest.raises(AssertionError, match="The red LED should blink 3 times; it blinked 2 times."):
            check_blinks(red_pin, times=3)


def test_a_pin_that_never_changed_does_not_pass_by_accident():
    """MockPin.assert_states would pass here; the full history does not."""
    with mock_pins():
        red = LED(kit.RED_LED)
        with record(red, "the red LED") as red_pin:
            pass
        with pytest.raises(AssertionError, match="it blinked not at all"):
            check_blinks(red_pin, times=3)


def test_wrong_timing_is_caught_with_both_numbers():
    with mock_pins():
        red = LED(kit.RED_LED)
        with record(red, "the red LED") as red_pin:
            blink(red, 2, on=0.3, off=0.05)
        with pytest.raises(AssertionError, match=r"should stay on about 0.05 seconds; blink 1 stayed on 0.3"):
            check_blinks(red_pin, times=2, on=0.05)


def test_blinking_forever_in_the_background_is_caught():
    with mock_pins():
        red = LED(kit.RED_LED)
        with record(red, "the red LED") as red_pin:
            red.blink(on_time=0.02, off_time=0.02)       # n=None: never stops
            time.sleep(0.1)
        with pytest.raises(AssertionError, match="(still on|kept changing)"):
            check_stays_off(red_pin)


def test_an_sos_pattern_is_checked_step_by_step():
    dot, dash = 0.04, 0.12
    with mock_pins():
        buzzer = LED(kit.BUZZER)
        with record(buzzer, "the buzzer") as sound:
            for seconds in [dot] * 3 + [dash] * 3 + [dot] * 3:
                buzzer.on()
                time.sleep(seconds)
                buzzer.off()
                time.sleep(dot)
        check_on_times(sound, [dot] * 3 + [dash] * 3 + [dot] * 3, "SOS")
        check_gaps(sound, [dot] * 8, "SOS")
        with pytest.raises(AssertionError, match="switch-on 4 of the buzzer should last about 0.04"):
            check_on_times(sound, [dot] * 9, "SOS")


def test_the_order_of_the_traffic_lights_is_checked():
    with mock_pins():
        red, amber, green = LED(kit.RED_LED), LED(kit.AMBER_LED), LED(kit.GREEN_LED)
        with record(red, "red") as r, record(amber, "amber") as a, record(green, "green") as g:
            for light in (red, green, amber):
                light.on()
                time.sleep(0.01)
                light.off()
        check_order([r, a, g], ["red", "green", "amber"])
        with pytest.raises(AssertionError, match="Yours came on: red, green, amber"):
            check_order([r, a, g], ["red", "amber", "green"])


def test_brightness_levels_are_compared_whole():
    with mock_pins():
        lamp = PWMLED(kit.GREEN_LED)
        with record(lamp, "the lamp") as lamp_pin:
            lamp.value = 0.25
            lamp.value = 1
        with pytest.raises(AssertionError, match="should go 0.25, 0.5, 1; it went 0.25, 1"):
            check_levels(lamp_pin, [0.25, 0.5, 1])


def test_when_pressed_with_brackets_gets_a_message_about_brackets():
    with mock_pins():
        led, button = LED(kit.RED_LED), Button(kit.BUTTON)
        with pytest.warns(Warning):
            button.when_pressed = led.on()
        with pytest.raises(AssertionError, match="without brackets"):
            check_callback(button, "when_pressed", "the button")
        button.when_pressed = led.on
        check_callback(button, "when_pressed", "the button")


def test_pressing_and_motion_from_a_test():
    with mock_pins():
        led, button, pir = LED(kit.RED_LED), Button(kit.BUTTON), MotionSensor(kit.PIR)
        button.when_pressed, button.when_released = led.on, led.off
        press(button)
        assert button.is_pressed and led.is_lit
        release(button)
        assert not led.is_lit
        press(pir)
        assert pir.motion_detected
        release(pir)
        count = []
        button.when_pressed = lambda: count.append(1)
        click(button)
        click(button)
        assert len(count) == 2


def test_a_friend_presses_while_the_students_loop_waits():
    with mock_pins():
        button = Button(kit.BUTTON)
        assert run_with_presses(lambda: button.wait_for_press(timeout=2), button, at=[0.05])


def test_a_click_due_after_the_students_code_closed_the_button_is_harmless():
    with mock_pins():
        button = Button(kit.BUTTON)
        run_with_presses(lambda: button.close(), button, at=[0])
        time.sleep(0.1)  # the timer's click lands on a closed button: no error in its thread
        click(button)
        assert button.closed


def test_an_led_left_on_by_a_helper_that_dropped_it_is_still_caught():
    """Python closes a device nobody holds, and closing switches it off: the recording holds it."""
    import gc

    def watch(seconds):
        led = LED(kit.RED_LED)
        with record(led, "the red LED") as rec:
            led.on()                    # the student's code forgot off()
            time.sleep(seconds)
        return rec                      # the LED itself is not returned

    with mock_pins():
        rec = watch(0.05)
        gc.collect()
        with pytest.raises(AssertionError):
            check_stays_off(rec)


def test_the_wrong_pin_is_named():
    with mock_pins():
        with pytest.raises(AssertionError, match="The red LED is wired to GPIO17; your code uses GPIO18."):
            check_pin(LED(18), kit.RED_LED, "the red LED")


def test_tests_on_pretend_pins_leave_the_notebooks_pins_alone():
    from gpiozero import Device

    from hardware_labs import start_lab
    start_lab("H1", show_board=False)
    notebook_factory = Device.pin_factory
    mine = LED(kit.RED_LED)
    with mock_pins():
        LED(kit.RED_LED).on()
    assert Device.pin_factory is notebook_factory and not mine.closed
