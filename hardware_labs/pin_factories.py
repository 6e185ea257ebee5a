"""Choose the pin factory for a lab: real pins on a Raspberry Pi, pretend pins elsewhere.

Two things gpiozero does not do for a classroom:
- re-running a notebook cell that makes ``LED(17)`` again fails with "pin in use";
  every factory made here closes the earlier device on that pin instead;
- mock pins are invisible; the pretend pins made here tell a listener (the simulated board)
  each time they change, so the student can watch the LEDs while the code runs.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gpiozero import Device
from gpiozero.pins.mock import MockFactory, MockPWMPin

PinListener = Callable[[int, float], None]
ENV_VAR = "GPIOZERO_PIN_FACTORY"


def on_raspberry_pi(model_file: Path = Path("/proc/device-tree/model")) -> bool:
    """True on a Raspberry Pi (the device tree names the board)."""
    try:
        return "Raspberry Pi" in model_file.read_text(errors="replace")
    except OSError:
        return False


class ReclaimPinsMixin:
    """Close an earlier device on a pin instead of failing with GPIOPinInUse."""

    # gpiozero's Factory provides these (tests/test_private_parts.py checks they still exist).
    _res_lock: Any
    _reservations: Any
    board_info: Any

    def reserve_pins(self, requester, *names):  # noqa: ANN001 (gpiozero's signature)
        for earlier in self._earlier_devices_on(requester, names):
            earlier.close()
        super().reserve_pins(requester, *names)  # type: ignore[misc]  # a mixin before Factory

    def _earlier_devices_on(self, requester, names) -> list:  # noqa: ANN001
        found = []
        with self._res_lock:
            for name in names:
                for _header, info in self.board_info.find_pin(name):
                    for reserver_ref in self._reservations[info]:
                        reserver = reserver_ref()
                        if (reserver is not None and reserver is not requester
                                and requester._conflicts_with(reserver)):
                            found.append(reserver)
        return found


class BoardPin(MockPWMPin):
    """A pretend pin (PWM-capable) that reports every change to its factory's listeners."""

    def _change_state(self, value) -> bool:  # noqa: ANN001
        changed = super()._change_state(value)
        if changed:
            self.factory.notify(self.info.name, float(value))
        return changed


class BoardMockFactory(ReclaimPinsMixin, MockFactory):
    """gpiozero's MockFactory with PWM pins, pin reclaiming and change listeners."""

    def __init__(self) -> None:
        super().__init__(pin_class=BoardPin)
        self._listeners: list[PinListener] = []

    def add_listener(self, listener: PinListener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: PinListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def notify(self, pin_name: str, level: float) -> None:
        if not pin_name.startswith("GPIO"):
            return
        number = int(pin_name[4:])
        for listener in list(self._listeners):
            listener(number, level)


def press_and_let_go(pin):  # noqa: ANN001, ANN201
    """The two drives of an input pin: a pulled-up pin is pressed by pulling it low."""
    if pin.pull == "up":
        return pin.drive_low, pin.drive_high
    return pin.drive_high, pin.drive_low


def close_all_devices(factory) -> None:  # noqa: ANN001
    """Close every device that still holds a pin of this factory."""
    with factory._res_lock:
        devices = {id(d): d for refs in factory._reservations.values()
                   for d in (r() for r in refs) if d is not None}
    for device in devices.values():
        try:
            device.close()
        except Exception:  # a half-built device from a failed cell: nothing to release
            pass


def _with_reclaiming(factory):  # noqa: ANN001, ANN202
    """The same factory object, taught to close earlier devices on a re-used pin."""
    cls = factory.__class__
    if not isinstance(factory, ReclaimPinsMixin):
        factory.__class__ = type(f"Reclaiming{cls.__name__}", (ReclaimPinsMixin, cls), {})
    return factory


def wants_mock_pins() -> bool:
    """The one place that decides: pretend pins unless on a Pi (GPIOZERO_PIN_FACTORY wins)."""
    wanted = os.environ.get(ENV_VAR, "").strip().lower()
    return wanted == "mock" or (not wanted and not on_raspberry_pi())


# The gpiochip that drives the 40-pin header, by the label its driver gives it: Pi 5 (RP1),
# Pi 4, Pi 3 and earlier. Its number moved on the Pi 5 (gpiochip4, then gpiochip0 from kernel
# 6.6.45, and other numbers on later kernels: gpiozero issue #1166), so it is looked up.
HEADER_CHIP_LABELS = ("pinctrl-rp1", "pinctrl-bcm2711", "pinctrl-bcm2835")


def header_gpiochip(dev: Path = Path("/dev")) -> int | None:
    """The number of the gpiochip behind the 40-pin header, or None to let gpiozero choose."""
    try:
        import lgpio
    except ImportError:
        return None
    numbers = sorted(int(p.name[len("gpiochip"):]) for p in dev.glob("gpiochip*")
                     if p.name[len("gpiochip"):].isdigit() and not p.is_symlink())
    for number in numbers:
        try:
            handle = lgpio.gpiochip_open(number)
        except Exception:  # no access to this chip: try the next one
            continue
        try:
            label = lgpio.gpio_get_chip_info(handle)[3]
        except Exception:
            label = ""
        finally:
            lgpio.gpiochip_close(handle)
        if label in HEADER_CHIP_LABELS:
            return number
    return None


def choose_factory() -> object:
    """The lab's pin factory: GPIOZERO_PIN_FACTORY if set, else real pins on a Pi, else mock."""
    if wants_mock_pins():
        return BoardMockFactory()
    wanted = os.environ.get(ENV_VAR, "").strip().lower()
    if not wanted:
        try:
            from gpiozero.pins.lgpio import LGPIOFactory  # the one that works on a Pi 5
            return _with_reclaiming(LGPIOFactory(chip=header_gpiochip()))
        except Exception:  # lgpio missing or no access: let gpiozero try its other factories
            pass
    return _with_reclaiming(Device._default_pin_factory())


def install_factory(factory) -> None:  # noqa: ANN001
    """Make ``factory`` the one new devices use, closing the devices of the old one."""
    old = Device.pin_factory
    if old is not None and old is not factory:
        close_all_devices(old)
        try:
            old.close()
        except Exception:
            pass
    Device.pin_factory = factory
