"""Wiring diagrams (SVG) drawn from the kit, so the picture always matches the pins in code.

Each part is one row: its GPIO pin on the Pi's header, the wire, the part (with its
resistor for an LED), and the wire back to a ground (GND) pin. A part on a small board with
three pins (the buzzer module, the PIR sensor) gets a taller row with its third wire: from a
power pin (3V3 or 5V) to the board's VCC pin.
"""
from __future__ import annotations

import html
from pathlib import Path

from .kit import LAB_PARTS, Part

PHYSICAL_PIN = {2: 3, 3: 5, 4: 7, 17: 11, 18: 12, 22: 15, 27: 13}
GROUND_PIN = {2: 6, 3: 9, 4: 14, 17: 9, 18: 14, 22: 20, 27: 25}
ROW = 86
RIGHT_EDGE = {"led": 134, "button": 120}
WIDTH = 720

# Parts on a board with three pins: signal, VCC and GND. The power pin feeds VCC only.
# The buzzer module takes 3V3 (on 5V some modules push current into the GPIO pin); the
# HC-SR501 PIR takes 5V, and its OUT pin gives about 3.3 V (check each sensor before class).
THREE_PIN = {
    # kind: (name of the signal pin, power pin, its header pin, title, caption)
    "buzzer": ("I/O", "3V3", 17, "buzzer module", "active buzzer with its own transistor"),
    "motion": ("OUT", "5V", 2, "PIR sensor", "HC-SR501: check OUT gives 3.3 V, not 5V"),
}
POWER_COLOUR = "#c62828"
MODULE_LEFT, MODULE_RIGHT = 290, 450
ABOVE, BELOW = 30, ROW - 30            # space of a row above and below its GPIO wire
MODULE_ABOVE, MODULE_BELOW = 46, 112   # the same for a three-pin board's taller row
EXTRA_NOTES = {
    "buzzer": "Buzzer module: VCC to 3V3, not 5V. A bare buzzer needs a transistor.",
    "motion": "PIR: only VCC goes to 5V. OUT to GPIO4 only if it gives 3.3 V, never 5V.",
}


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
    return (f'<rect x="{x + 60}" y="{y - 16}" width="60" height="32" rx="4" fill="#eeeeee" stroke="#222"/>'
            f'<circle cx="{x + 90}" cy="{y}" r="10" fill="#424242"/>'
            + _wire(x, x + 60, y, "#757575")
            + _text(x + 90, y + 32, "push button (across the gap)", 11, anchor="middle"))


def _three_pin_row(part: Part, y: float) -> str:
    """A board with I/O (or OUT), VCC and GND: three labelled wires to three header pins."""
    signal, power, power_pin, title, caption = THREE_PIN[part.kind]
    physical = PHYSICAL_PIN.get(part.pin, "?")
    ground = GROUND_PIN.get(part.pin, 6)
    low = y + 50                                   # the VCC wire
    left, right = MODULE_LEFT, MODULE_RIGHT
    middle = (left + right) // 2
    if part.kind == "buzzer":
        face = (f'<circle cx="{right - 36}" cy="{y + 40}" r="17" fill="#212121" stroke="#000"/>'
                f'<circle cx="{right - 36}" cy="{y + 40}" r="4" fill="#616161"/>')
    else:
        face = (f'<circle cx="{right - 36}" cy="{y + 40}" r="19" fill="#fafafa" stroke="#222"/>'
                + _text(right - 36, y + 44, "PIR", 11, "bold", "middle"))
    pad = '<rect x="{x}" y="{y}" width="10" height="10" fill="#ffd54f" stroke="#222"/>'
    return "".join([
        f'<rect x="20" y="{y - 18}" width="150" height="36" rx="6" fill="#2e7d32"/>',
        f'<text x="95" y="{y + 5}" font-family="sans-serif" font-size="14" fill="white" '
        f'text-anchor="middle" font-weight="bold">GPIO{part.pin} · pin {physical}</text>',
        f'<rect x="20" y="{low - 18}" width="150" height="36" rx="6" fill="{POWER_COLOUR}"/>',
        f'<text x="95" y="{low + 5}" font-family="sans-serif" font-size="14" fill="white" '
        f'text-anchor="middle" font-weight="bold">{power} · pin {power_pin}</text>',
        _wire(170, left, y, part.colour or "#1565c0"),
        _wire(170, left, low, POWER_COLOUR),
        _wire(right, 520, y, "#212121"),
        f'<rect x="{left}" y="{y - 40}" width="{right - left}" height="{low - y + 64}" rx="8" '
        f'fill="#37474f" stroke="#222"/>',
        f'<text x="{middle}" y="{y - 21}" font-family="sans-serif" font-size="13" fill="white" '
        f'text-anchor="middle" font-weight="bold">{html.escape(title)}</text>',
        pad.format(x=left - 5, y=y - 5), pad.format(x=left - 5, y=low - 5),
        pad.format(x=right - 5, y=y - 5),
        f'<text x="{left + 12}" y="{y + 5}" font-family="sans-serif" font-size="13" '
        f'fill="white" font-weight="bold">{signal}</text>',
        f'<text x="{left + 12}" y="{low + 5}" font-family="sans-serif" font-size="13" '
        f'fill="white" font-weight="bold">VCC</text>',
        f'<text x="{right - 12}" y="{y + 5}" font-family="sans-serif" font-size="13" '
        f'fill="white" font-weight="bold" text-anchor="end">GND</text>',
        face,
        _text(middle, low + 42, caption, 11, anchor="middle"),
        f'<rect x="520" y="{y - 18}" width="150" height="36" rx="6" fill="#424242"/>',
        f'<text x="595" y="{y + 5}" font-family="sans-serif" font-size="14" fill="white" '
        f'text-anchor="middle">GND · pin {ground}</text>',
    ])


def _row(part: Part, y: float) -> str:
    if part.kind in THREE_PIN:
        return _three_pin_row(part, y)
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
    rows, y, below = [], 40, None
    for part in parts:                 # each row's place, from the space the rows need
        above, below_this = ((MODULE_ABOVE, MODULE_BELOW) if part.kind in THREE_PIN
                             else (ABOVE, BELOW))
        y += above if below is None else below + above
        below = below_this
        rows.append(_row(part, y))
    bottom = y + (below or 0) + 30
    notes = [
        "Pin numbers: GPIO = BCM number (used in code); pin = place on the 40-pin header.",
        "Unplug the Pi before you change wires. Every LED needs its resistor.",
        "Never connect 5V or 3V3 straight to a GPIO pin.",
    ]
    notes += [EXTRA_NOTES[kind] for kind in EXTRA_NOTES if any(p.kind == kind for p in parts)]
    height = bottom + 40 + 10 + 20 * len(notes)
    row_text = "".join(rows)
    note_text = "".join(_text(20, bottom + 10 + 20 * k, line, 13) for k, line in enumerate(notes))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{html.escape(title)}">'
            f'<rect width="{WIDTH}" height="{height}" fill="white"/>'
            + _text(20, 28, title, 18, "bold")
            + _text(95, 50, "Raspberry Pi", 12, anchor="middle")
            + _text(595, 50, "ground rail", 12, anchor="middle")
            + row_text + note_text + "</svg>\n")


def write_wiring(lab_id: str, title: str, path: Path) -> Path:
    path.write_text(wiring_svg(lab_id, title), encoding="utf-8")
    return path
