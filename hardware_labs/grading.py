"""Helpers for lab test cells: pretend pins, pin histories, and checks with kind messages.

A test makes its devices inside ``mock_pins()``, records the pins while the student's
function runs, then checks count and timing with a tolerance, e.g.

    with mock_pins():
        red = LED(kit.RED_LED)
        with record(red, "the red LED") as red_pin:
            blink_times(red, 3)
        check_blinks(red_pin, times=3, on=0.1, off=0.1)
        check_stays_off(red_pin)

Pin histories are compared whole (count and order), never zipped, because
``MockPin.assert_states`` passes when fewer states were recorded than expected.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from gpiozero import Device

from .pin_factories import BoardMockFactory, close_all_devices, press_and_let_go

LOW_FACTOR, LOW_SLACK = 0.7, 0.01     # a step may be a little short (timer rounding)
HIGH_FACTOR, HIGH_SLACK = 1.5, 0.03   # or longer, on a busy grading machine


@contextmanager
def mock_pins() -> Iterator[BoardMockFactory]:
    """Fresh pretend pins for one test, on any machine; the notebook's own pins come back after."""
    earlier = Device.pin_factory
    factory = BoardMockFactory()
    Device.pin_factory = factory
    try:
        yield factory
    finally:
        close_all_devices(factory)
        Device.pin_factory = earlier


def pin_of(device_or_pin):  # noqa: ANN001, ANN201
    """The pin behind a gpiozero device (or the pin itself)."""
    return getattr(device_or_pin, "pin", device_or_pin)


@dataclass(frozen=True)
class Segment:
    """A stretch of time the pin kept one level (0 = off, 1 = fully on, between = PWM)."""

    level: float
    seconds: float

    @property
    def on(self) -> bool:
        return self.level > 0


class Recording:
    """What one pin did between the start and the end of a ``record`` block."""

    def __init__(self, device_or_pin, name: str) -> None:  # noqa: ANN001
        # Keep the device alive as long as its recording: a device nobody holds is closed by
        # Python, and closing switches the pin off, which would pass "it stays off" falsely.
        self.device = device_or_pin
        self.pin = pin_of(device_or_pin)
        self.name = name
        self._first = len(self.pin.states)
        self._start_level = float(self.pin.states[-1].state)
        self._end: float | None = None

    def stop(self) -> None:
        self._end = time.monotonic()

    def changes(self) -> list[tuple[float, float]]:
        """(time, new level) of each change during the recording, oldest first."""
        states = self.pin.states
        times = [0.0] * len(states)
        t = self.pin._last_change
        for k in range(len(states) - 1, -1, -1):
            times[k] = t
            t -= states[k].timestamp
        return [(times[k], float(states[k].state)) for k in range(self._first, len(states))]

    def segments(self) -> list[Segment]:
        """Each level the pin took during the recording and how long it lasted."""
        end = self._end if self._end is not None else time.monotonic()
        changes = self.changes()
        result = []
        for k, (start, level) in enumerate(changes):
            until = changes[k + 1][0] if k + 1 < len(changes) else end
            result.append(Segment(level, until - start))
        return result

    def levels(self) -> list[float]:
        return [level for _t, level in self.changes()]

    def on_times(self) -> list[float]:
        """How long each switch-on lasted (a PWM change while on counts as the same 'on')."""
        return [s.seconds for s in self._merged() if s.on]

    def gaps(self) -> list[float]:
        """How long the pin was off between two switch-ons."""
        merged = self._merged()
        first_on = next((k for k, s in enumerate(merged) if s.on), len(merged))
        last_on = max((k for k, s in enumerate(merged) if s.on), default=-1)
        return [s.seconds for s in merged[first_on:last_on] if not s.on]

    def _merged(self) -> list[Segment]:
        merged: list[Segment] = []
        for s in self.segments():
            if merged and merged[-1].on == s.on:
                merged[-1] = Segment(max(merged[-1].level, s.level), merged[-1].seconds + s.seconds)
            else:
                merged.append(s)
        return merged

    @property
    def level_now(self) -> float:
        return float(self.pin.state)


@contextmanager
def record(device_or_pin, name: str = "the LED") -> Iterator[Recording]:  # noqa: ANN001
    """Record what a pin does inside the ``with`` block."""
    recording = Recording(device_or_pin, name)
    try:
        yield recording
    finally:
        recording.stop()


def close_to(got: float, expected: float) -> bool:
    """A timing matches when it is not much shorter, and not far longer, than expected."""
    return expected * LOW_FACTOR - LOW_SLACK <= got <= expected * HIGH_FACTOR + HIGH_SLACK


def _seconds(value: float) -> str:
    """A time as the code used it: 0.015 stays 0.015 (two decimals said 0.01, a different
    number), float noise such as 0.30000000000000004 goes (three significant digits)."""
    text = f"{value:.3g}" if abs(value) < 100 else f"{value:.1f}"
    return f"{text} seconds"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def check_blinks(rec: Recording, times: int, on: float | None = None,
                 off: float | None = None) -> None:
    """The pin switched on exactly ``times`` times, each for about ``on``, ``off`` apart."""
    on_times = rec.on_times()
    assert len(on_times) == times, (
        f"{_cap(rec.name)} should blink {_times(times)}; "
        f"it blinked {_times(len(on_times)) if on_times else 'not at all'}.")
    if on is not None:
        for n, got in enumerate(on_times, start=1):
            assert close_to(got, on), (
                f"Each blink of {rec.name} should stay on about {_seconds(on)}; "
                f"blink {n} stayed on {_seconds(got)}.")
    if off is not None:
        for n, got in enumerate(rec.gaps(), start=1):
            assert close_to(got, off), (
                f"{_cap(rec.name)} should stay off about {_seconds(off)} between blinks; "
                f"gap {n} was {_seconds(got)}.")


def check_on_times(rec: Recording, expected: list[float], what: str = "pattern") -> None:
    """Each switch-on lasted about as long as in ``expected`` (e.g. SOS: short, short, …)."""
    got = rec.on_times()
    assert len(got) == len(expected), (
        f"The {what} on {rec.name} should switch on {_times(len(expected))}; "
        f"it switched on {_times(len(got)) if got else 'not at all'}.")
    for n, (seconds, want) in enumerate(zip(got, expected, strict=True), start=1):
        assert close_to(seconds, want), (
            f"In the {what}, switch-on {n} of {rec.name} should last about {_seconds(want)}; "
            f"it lasted {_seconds(seconds)}.")


def check_gaps(rec: Recording, expected: list[float], what: str = "pattern") -> None:
    """The off-times between switch-ons match ``expected``."""
    got = rec.gaps()
    assert len(got) == len(expected), (
        f"The {what} on {rec.name} should have {len(expected)} pauses; it had {len(got)}.")
    for n, (seconds, want) in enumerate(zip(got, expected, strict=True), start=1):
        assert close_to(seconds, want), (
            f"In the {what}, pause {n} of {rec.name} should last about {_seconds(want)}; "
            f"it lasted {_seconds(seconds)}.")


def check_levels(rec: Recording, expected: list[float]) -> None:
    """The pin went through exactly these levels (brightness 0 … 1), in this order."""
    got = [round(level, 2) for level in rec.levels()]
    want = [round(level, 2) for level in expected]
    assert got == want, (
        f"The brightness of {rec.name} should go {_list(want)}; it went {_list(got) or 'nowhere (no change)'}.")


def check_stays_off(rec: Recording, wait: float = 0.15) -> None:
    """After the student's code returns, the pin is off and stays off (no endless blinking)."""
    assert rec.level_now == 0, (
        f"{_cap(rec.name)} is still on at the end. Switch it off when you are done.")
    changes_before = len(rec.pin.states)
    time.sleep(wait)
    assert len(rec.pin.states) == changes_before, (
        f"{_cap(rec.name)} kept changing after your function finished. "
        "Use a loop that stops, or blink(..., n=3, background=False).")


def on_order(recordings: list[Recording]) -> list[str]:
    """The names of the recorded pins in the order they switched on (each switch-on once)."""
    events = [(t, rec.name) for rec in recordings
              for k, (t, level) in enumerate(rec.changes())
              if level > 0 and (k == 0 or rec.changes()[k - 1][1] == 0)]
    return [name for _t, name in sorted(events)]


def check_order(recordings: list[Recording], expected: list[str]) -> None:
    """The lights came on in exactly this order."""
    got = on_order(recordings)
    assert got == expected, (
        f"The lights should come on in this order: {', '.join(expected)}. "
        f"Yours came on: {', '.join(got) if got else 'none of them'}.")


def check_pin(device, expected_pin: int, name: str = "the LED") -> None:  # noqa: ANN001
    """The device sits on the pin of the wiring diagram."""
    pin = pin_of(device)
    got = getattr(getattr(pin, "info", None), "name", str(pin))
    assert got == f"GPIO{expected_pin}", (
        f"{_cap(name)} is wired to GPIO{expected_pin}; your code uses {got}.")


def check_callback(device, event: str = "when_pressed", name: str = "the button") -> None:  # noqa: ANN001
    """An event got a function to call later, not the result of calling it now."""
    value = getattr(device, event)
    assert value is not None, (
        f"{_cap(name)}'s {event} is empty (None). If you wrote led.on() with brackets, "
        "Python ran it once, right away. Give the function itself: led.on, without brackets.")
    assert callable(value), f"{_cap(name)}'s {event} should be a function; it is {value!r}."


def press(device) -> None:  # noqa: ANN001
    """Press a button (or start motion at a sensor) on pretend pins.

    A button that was closed meanwhile (the student's code ended and tidied up while a timed
    click was still due) has no pin left: the pretend finger does nothing."""
    pin = pin_of(device)
    if pin is not None:
        press_and_let_go(pin)[0]()


def release(device) -> None:  # noqa: ANN001
    """Let go of a button (or stop the motion); nothing happens on a closed button."""
    pin = pin_of(device)
    if pin is not None:
        press_and_let_go(pin)[1]()


def click(device, hold: float = 0.02) -> None:  # noqa: ANN001
    """Press, hold a moment, and let go."""
    press(device)
    time.sleep(hold)
    release(device)


def run_with_presses(action: Callable[[], object], device, at: list[float],  # noqa: ANN001
                     hold: float = 0.02) -> object:
    """Run ``action`` while a timer presses ``device`` at the given seconds after the start."""
    import threading

    timers = [threading.Timer(t, click, args=(device, hold)) for t in at]
    for timer in timers:
        timer.daemon = True
        timer.start()
    try:
        return action()
    finally:
        for timer in timers:
            timer.cancel()


def _cap(text: str) -> str:
    """Capitalise the first letter only ("the red LED" -> "The red LED")."""
    return text[:1].upper() + text[1:]


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:g}" for v in values)
