"""Raspberry Pi GPIO labs: real pins on a Pi, pretend pins and a simulated board elsewhere.

    from hardware_labs import start_lab, kit
    lab = start_lab("H1")
    red = LED(kit.RED_LED)
"""
from . import kit
from .lab import Lab, start_lab

__all__ = ["Lab", "kit", "start_lab"]
