"""Raspberry Pi GPIO labs: real pins on a Pi, pretend pins and a simulated board elsewhere.

    from hardware_labs import start_lab, kit
    lab = start_lab("H1")
    red = LED(kit.RED_LED)

``Lab`` and ``start_lab`` are imported on first use, so a grading kernel that loads only
``hardware_labs.virtual_clock`` does not pay for gpiozero and ipywidgets.
"""
from . import kit

__all__ = ["Lab", "kit", "start_lab"]


def __getattr__(name: str):  # noqa: ANN202
    if name in ("Lab", "start_lab"):
        from . import lab
        return getattr(lab, name)
    raise AttributeError(f"module 'hardware_labs' has no attribute {name!r}")
