"""On a Raspberry Pi 5 the 40-pin header's gpiochip number changed with kernel updates
(gpiochip4, then gpiochip0, then others: gpiozero issue #1166). The lab finds it by its
driver's label, so a kernel update never leaves a class without pins."""
from __future__ import annotations

import sys
import types

from hardware_labs.pin_factories import header_gpiochip


def fake_lgpio(labels: dict[int, str], refused: set[int] = frozenset()) -> types.ModuleType:
    module = types.ModuleType("lgpio")

    def gpiochip_open(number: int) -> int:
        if number in refused:
            raise RuntimeError("can not open gpiochip")
        return number

    module.gpiochip_open = gpiochip_open
    module.gpiochip_close = lambda handle: None
    module.gpio_get_chip_info = lambda handle: (0, 54, f"gpiochip{handle}", labels[handle])
    return module


def dev_folder(tmp_path, *names: str):
    for name in names:
        (tmp_path / name).write_text("")
    return tmp_path


def test_a_pi_5_on_a_new_kernel_finds_the_rp1_chip_whatever_its_number(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "lgpio", fake_lgpio({10: "gpio-brcmstb@107d508500", 13: "pinctrl-rp1"}))
    assert header_gpiochip(dev_folder(tmp_path, "gpiochip10", "gpiochip13")) == 13


def test_a_chip_the_student_may_not_open_is_passed_over(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "lgpio", fake_lgpio({0: "pinctrl-bcm2711", 1: "raspberrypi-exp-gpio"},
                                                         refused={1}))
    assert header_gpiochip(dev_folder(tmp_path, "gpiochip0", "gpiochip1")) == 0


def test_the_old_gpiochip4_link_is_not_counted_twice(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "lgpio", fake_lgpio({0: "pinctrl-rp1"}))
    folder = dev_folder(tmp_path, "gpiochip0")
    (folder / "gpiochip4").symlink_to(folder / "gpiochip0")
    assert header_gpiochip(folder) == 0


def test_without_a_known_chip_gpiozero_chooses(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "lgpio", fake_lgpio({0: "something-else"}))
    assert header_gpiochip(dev_folder(tmp_path, "gpiochip0")) is None
    monkeypatch.setitem(sys.modules, "lgpio", None)  # lgpio not installed (a laptop)
    assert header_gpiochip(dev_folder(tmp_path, "gpiochip0")) is None
