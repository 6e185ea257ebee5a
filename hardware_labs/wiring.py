"""Wiring diagrams (SVG) drawn from the kit, so the picture always matches the pins in code.

Each part is one row: its GPIO pin on the Pi's header, the wire, the part (with its
resistor for an LED), and the wire back to a ground (GND) pin.
"""
from __future__ import annotations

import html
from pathlib import Path

from .kit import LAB_PARTS, Part

PHYSICAL_PIN = {2: 3, 3: 5, 4: 7, 17: 11, 18: 12, 22: 15, 27: 13}
GROUND_PIN = {2: 6, 3: 9, 4: 14, 17: 9, 18: 14, 22: 20, 27: 25}
ROW = 86
RIGHT_EDGE = {"led": 134, "button": 120, "buzzer": 138, "motion": 150}
WIDTH = 720


def _text(x: float, y: float, words: str, size: int = 14, weight: str = "normal",
          anchor: str = "start") -> str:
    return (f'<text x="{x}" y="{y}" font-family="sans-serif" font-size="{size}" '
            f'font-weight="{weight}" text-anchor="{anchor}">{html.escape(words)}</text>')


def _wire(x1: float, x2: float, y: float, colour: str) -> str:
    return f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{colour}" stroke-width="4"/>'


def _part_symbol(part: Part, x: float, y: float) -> str:
    if part.kind == "led":
        return (f'<rect x="{x}" y="{y - 9}" width="70" height="18" rx="4" fill="#d7ccc8" stroke="#5d4037"/>'
                + _text(x + 35, y + 5, "330 Ω", 12, anchor="middle")
                + _wire(x + 70, x + 100, y, "#757575")
                + f'<circle cx="{x + 118}" cy="{y}" r="16" fill="{part.colour}" stroke="#222" stroke-width="2"/>'
                + _text(x + 118, y - 22, "long leg (+) here", 11, anchor="middle")
                + _text(x + 35, y + 28, "resistor", 11, anchor="middle"))
    if part.kind == "button":
        return (f'<rect x="{x + 60}" y="{y - 16}" width="60" height="32" rx="4" fill="#eeeeee" stroke="#222"/>'
                f'<circle cx="{x + 90}" cy="{y}" r="10" fill="#424242"/>'
                + _wire(x, x + 60, y, "#757575")
                + _text(x + 90, y + 32, "push button (across the gap)", 11, anchor="middle"))
    if part.kind == "buzzer":
        return (_wire(x, x + 96, y, "#757575")
                + f'<circle cx="{x + 118}" cy="{y}" r="20" fill="#212121" stroke="#222"/>'
                + f'<circle cx="{x + 118}" cy="{y}" r="5" fill="#616161"/>'
                + _text(x + 118, y - 26, "+ leg (longer) here", 11, anchor="middle")
                + _text(x + 118, y + 36, "active buzzer", 11, anchor="middle"))
    return (_wire(x, x + 70, y, "#757575")
            + f'<rect x="{x + 70}" y="{y - 20}" width="80" height="40" rx="20" fill="#fafafa" stroke="#222"/>'
            + _text(x + 110, y + 5, "PIR", 13, "bold", "middle")
            + _text(x + 110, y + 36, "OUT to GPIO4 · VCC to 5V (pin 2) · GND", 11, anchor="middle"))


def _row(part: Part, index: int) -> str:
    y = 70 + index * ROW
    physical = PHYSICAL_PIN.get(part.pin, "?")
    ground = GROUND_PIN.get(part.pin, 6)
    colour = part.colour or "#1565c0"
    return "".join([
        f'<rect x="20" y="{y - 18}" width="150" height="36" rx="6" fill="#2e7d32"/>',
        f'<text x="95" y="{y + 5}" font-family="sans-serif" font-size="14" fill="white" '
        f'text-anchor="middle" font-weight="bold">GPIO{part.pin} · pin {physical}</text>',
        _wire(170, 250, y, colour),
        _part_symbol(part, 250, y),
        _wire(250 + RIGHT_EDGE[part.kind], 520, y, "#212121"),
        f'<rect x="520" y="{y - 18}" width="150" height="36" rx="6" fill="#424242"/>',
        f'<text x="595" y="{y + 5}" font-family="sans-serif" font-size="14" fill="white" '
        f'text-anchor="middle">GND · pin {ground}</text>',
        _text(410, y - 8, part.label, 12, "bold"),
    ])


def wiring_svg(lab_id: str, title: str) -> str:
    """The wiring diagram of one lab, as SVG text."""
    parts = LAB_PARTS[lab_id]
    height = 110 + len(parts) * ROW + 70
    rows = "".join(_row(part, k) for k, part in enumerate(parts))
    bottom = 70 + len(parts) * ROW
    notes = [
        "Pin numbers: GPIO = BCM number (used in code); pin = place on the 40-pin header.",
        "Unplug the Pi before you change wires. Every LED needs its resistor.",
        "Never connect 5V or 3V3 straight to a GPIO pin.",
    ]
    note_text = "".join(_text(20, bottom + 10 + 20 * k, line, 13) for k, line in enumerate(notes))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{html.escape(title)}">'
            f'<rect width="{WIDTH}" height="{height}" fill="white"/>'
            + _text(20, 28, title, 18, "bold")
            + _text(95, 50, "Raspberry Pi", 12, anchor="middle")
            + _text(595, 50, "ground rail", 12, anchor="middle")
            + rows + note_text + "</svg>\n")


def write_wiring(lab_id: str, title: str, path: Path) -> Path:
    path.write_text(wiring_svg(lab_id, title), encoding="utf-8")
    return path
