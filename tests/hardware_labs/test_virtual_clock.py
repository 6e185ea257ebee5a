"""Grading on virtual time: lab code sees exact timings, however busy the machine is.

Each test runs with the clock installed in this process, the test's own thread playing
the kernel's main thread inside a cell. Nothing here measures real time: every number
checked is virtual, so the assertions are exact.
"""
from __future__ import annotations

import datetime
import threading
import time

import pytest
from gpiozero import LED, Button, Buzzer, Device

from hardware_labs import kit, virtual_clock, virtual_patches
from hardware_labs.grading import check_on_times, mock_pins, record, run_with_presses
from hardware_labs.virtual_time import LabTimeStopped


@pytest.fixture
def clock():
    """Virtual time for this test, as in a grading kernel during one cell."""
    sched = virtual_clock.install()
    sched.begin_cell()
    try:
        yield sched
    finally:
        sched.end_cell()
        virtual_clock.uninstall()
        Device.pin_factory = None


def test_sleep_moves_the_clock_exactly(clock):
    start_mono, start_wall = time.monotonic(), time.time()
    time.sleep(2.5)
    time.sleep(0.015)
    assert time.monotonic() - start_mono == pytest.approx(2.515, abs=1e-9)
    assert time.time() - start_wall == pytest.approx(2.515, abs=1e-6)
    assert clock.now_ns == 2_515_000_000


def test_a_background_blink_is_stamped_with_exact_times(clock):
    with mock_pins():
        red = LED(kit.RED_LED)
        with record(red, "the red LED") as rec:
            red.blink(on_time=0.1, off_time=0.2, n=3, background=False)
        assert rec.on_times() == pytest.approx([0.1, 0.1, 0.1], abs=1e-9)
        assert rec.gaps() == pytest.approx([0.2, 0.2], abs=1e-9)
        with record(red, "the red LED") as rec:
            red.blink(on_time=0.05, off_time=0.05)       # forever, in the background
            time.sleep(0.3)
            red.off()
        assert rec.on_times() == pytest.approx([0.05, 0.05, 0.05], abs=1e-9)


def test_the_sos_of_issue_18_is_measured_as_written(clock):
    """The flaky case: short=0.015 measured 0.06 on a busy machine; here it is 0.015."""
    short, long, gap = 0.015, 0.05, 0.07
    with mock_pins():
        buzzer = Buzzer(kit.BUZZER)
        with record(buzzer, "the buzzer") as rec:
            for seconds in [short] * 3 + [long] * 3 + [short] * 3:
                buzzer.on()
                time.sleep(seconds)
                buzzer.off()
                time.sleep(gap)
        check_on_times(rec, [short] * 3 + [long] * 3 + [short] * 3, "SOS")
        assert rec.on_times()[2] == pytest.approx(0.015, abs=1e-9)
        with pytest.raises(AssertionError, match="should last about 0.05 seconds; it lasted 0.015 seconds"):
            check_on_times(rec, [long] * 9, "SOS")     # the message quotes 0.015, not 0.01


def test_a_friend_presses_while_the_code_waits(clock):
    with mock_pins():
        button = Button(kit.BUTTON)
        started = time.monotonic()
        got = run_with_presses(lambda: button.wait_for_press(timeout=3), button, at=[0.4])
        assert got is True and time.monotonic() - started == pytest.approx(0.4, abs=1e-9)
        assert button.wait_for_release(timeout=1) is True         # the friend lets go after 0.02 s
        assert time.monotonic() - started == pytest.approx(0.42, abs=1e-9)
        started = time.monotonic()
        assert button.wait_for_press(timeout=0.15) is False     # nobody presses
        assert time.monotonic() - started == pytest.approx(0.15, abs=1e-9)


def test_threads_take_turns_in_the_same_order_every_time(clock):
    said = []

    def talk(name: str, pause: float) -> None:
        for n in range(3):
            said.append(f"{name}{n}")
            time.sleep(pause)

    threads = [threading.Thread(target=talk, args=(name, pause)) for name, pause in
               [("a", 0.1), ("b", 0.1), ("c", 0.15)]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert said == ["a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"]
    assert clock.now_ns == 450_000_000


def test_a_busy_wait_on_the_clock_ends(clock):
    start = time.time()
    while time.time() - start < 0.5:        # works on a Pi: it must not hang while grading
        pass
    assert time.time() - start == pytest.approx(0.5, abs=0.001)


def test_a_busy_wait_on_a_button_sees_the_press(clock):
    with mock_pins():
        button = Button(kit.BUTTON)

        def wait_without_sleeping() -> float:
            start = time.monotonic()
            while not button.is_pressed:
                pass
            return time.monotonic() - start

        took = run_with_presses(wait_without_sleeping, button, at=[0.3], hold=0.1)
        assert took == pytest.approx(0.3, abs=0.001)


def test_code_between_waits_takes_no_lab_time(clock):
    with mock_pins():
        red = LED(kit.RED_LED)
        start = time.monotonic()
        for _ in range(1000):
            red.on()
            red.off()
        assert time.monotonic() - start == 0
        assert {state.timestamp for state in red.pin.states[1:]} == {0}


def test_a_started_thread_runs_when_its_starter_waits(clock):
    ran = []
    worker = threading.Thread(target=ran.append, args=["worker"])
    worker.start()
    ran.append("starter goes on")            # on a Pi the worker may already have run
    time.sleep(0)                            # not a wait: no turn for the worker yet
    assert ran == ["starter goes on"]
    worker.join()
    assert ran == ["starter goes on", "worker"]


def test_a_loop_on_a_wait_that_returns_at_once_is_a_busy_wait_too(clock):
    """wait_for_press() on a button still held returns at once: without a release the
    loop spins (on a Pi, until the finger lets go; here too)."""
    with mock_pins():
        button = Button(kit.BUTTON)

        def count_while_held() -> int:
            count = 0
            while button.wait_for_press(timeout=0.2):
                count += 1
            return count

        got = run_with_presses(count_while_held, button, at=[0.05], hold=0.08)
        assert got > 100


def test_waiting_for_ever_stops_with_a_clear_message(clock):
    with pytest.raises(LabTimeStopped, match="waits for something that can never happen"):
        threading.Event().wait()


def test_a_cell_that_never_ends_is_stopped_after_its_lab_time(clock):
    with pytest.raises(LabTimeStopped, match="more than 600 seconds of lab time"):
        while True:
            time.sleep(1)


def test_between_cells_time_stands_still_and_the_main_thread_is_real(clock):
    with mock_pins():
        red = LED(kit.RED_LED)
        red.blink(on_time=0.1, off_time=0.1)
        time.sleep(0.35)
        changes = len(red.pin.states)
        clock.end_cell()
        assert virtual_patches.scheduler().current() is None     # the kernel's own code: real time
        now = clock.now_ns
        threading.Event().wait(0.02)                             # a real wait: nothing moves
        assert clock.now_ns == now and len(red.pin.states) == changes
        clock.begin_cell()
        red.off()


def test_other_threads_keep_real_time(clock):
    seen = {}

    def kernel_thread() -> None:             # started outside the lab, like ipykernel's IOPub
        seen["task"] = virtual_patches.scheduler().current()
        time.sleep(0.001)

    clock.end_cell()                         # the kernel starts its threads between cells
    worker = threading.Thread(target=kernel_thread)
    worker.start()
    worker.join()
    clock.begin_cell()
    assert seen["task"] is None and clock.now_ns == 0


def test_datetime_now_follows_the_lab_clock(clock):
    virtual_patches.hook_lab_modules()       # gpiozero is imported: lab notebooks get it too
    before = datetime.datetime.now()
    time.sleep(90)
    assert (datetime.datetime.now() - before).total_seconds() == pytest.approx(90, abs=1e-3)
    assert repr(datetime.date(2027, 3, 15)) == "datetime.date(2027, 3, 15)"


def test_uninstalling_gives_back_the_real_functions():
    real_sleep, real_wait = time.sleep, threading.Event.wait
    virtual_clock.install()
    assert time.sleep is not real_sleep and virtual_clock.active()
    virtual_clock.uninstall()
    assert time.sleep is real_sleep and threading.Event.wait is real_wait
    assert not virtual_clock.active()
