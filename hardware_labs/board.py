"""The simulated board: the lab's parts drawn in the notebook, live, on pretend pins.

LEDs light up (dimmed for PWM brightness), the buzzer shows when it sounds, and buttons
(and the motion sensor's "wave" button) drive the pretend pins like a finger would.
Jupyter handles a click only when no cell is running, so clicks suit ``when_pressed``
programs; for a running loop, ``Lab.press_later`` presses a button from a timer instead.
"""
from __future__ import annotations

import html
import threading

import ipywidgets as widgets

from .kit import Part
from .pin_factories import BoardMockFactory, press_and_let_go

OFF_COLOUR = "#3a3a3a"
PRESS_SECONDS = 0.3
MOTION_SECONDS = 1.0


def led_html(part: Part, level: float) -> str:
    """An LED as a coloured circle; brightness is the PWM level."""
    lit = level > 0
    colour = part.colour if lit else OFF_COLOUR
    glow = f"0 0 {int(6 + 14 * level)}px {part.colour}" if lit else "none"
    opacity = 0.35 + 0.65 * level if lit else 1.0
    state = "on" if lit else "off"
    if lit and level < 1:
        state = f"{round(level * 100)}%"
    return (f'<div style="text-align:center;width:90px">'
            f'<div style="margin:auto;width:30px;height:30px;border-radius:50%;'
            f'background:{colour};opacity:{opacity:.2f};box-shadow:{glow};'
            f'border:2px solid #222"></div>'
            f'<div>{html.escape(part.label)}</div>'
            f'<div style="font-size:80%;color:#555">GPIO{part.pin} · {state}</div></div>')


def buzzer_html(part: Part, level: float) -> str:
    """The buzzer: a grey speaker when quiet, a yellow BEEP when it sounds."""
    sounding = level > 0
    face = ("background:#fdd835;border:2px solid #f57f17" if sounding
            else "background:#eeeeee;border:2px solid #999")
    word = "BEEP!" if sounding else "quiet"
    return (f'<div style="text-align:center;width:90px">'
            f'<div style="margin:auto;width:60px;padding:4px;border-radius:8px;{face};'
            f'font-weight:bold">{word}</div>'
            f'<div>{html.escape(part.label)}</div>'
            f'<div style="font-size:80%;color:#555">GPIO{part.pin}</div></div>')


class BoardWidget(widgets.VBox):
    """The board's panel; where widgets cannot be drawn (nbconvert, feedback), it reads as words."""

    describe = staticmethod(lambda: "")

    def __repr__(self) -> str:
        return f"Simulated board: {self.describe()}"


class SimulatedBoard:
    """Widgets for the parts, kept in step with the pretend pins."""

    def __init__(self, factory: BoardMockFactory, parts: tuple[Part, ...]) -> None:
        self.factory = factory
        self.parts = parts
        self._outputs: dict[int, tuple[Part, widgets.HTML]] = {}
        self._levels: dict[int, float] = {p.pin: 0.0 for p in parts}
        cards = [self._card(part) for part in parts]
        title = widgets.HTML("<b>Simulated board</b> (pretend pins: no wires needed)")
        self.widget = BoardWidget([title, widgets.HBox(cards)])
        self.widget.describe = self.describe
        factory.add_listener(self._pin_changed)

    def _card(self, part: Part) -> widgets.Widget:
        if part.kind == "led":
            view = widgets.HTML(led_html(part, 0.0))
            self._outputs[part.pin] = (part, view)
            return view
        if part.kind == "buzzer":
            view = widgets.HTML(buzzer_html(part, 0.0))
            self._outputs[part.pin] = (part, view)
            return view
        seconds = MOTION_SECONDS if part.kind == "motion" else PRESS_SECONDS
        words = "Wave (motion)" if part.kind == "motion" else "Press"
        button = widgets.Button(description=f"{words}: GPIO{part.pin}",
                                tooltip=f"{part.label}: acts for {seconds} s",
                                layout=widgets.Layout(width="150px"))
        button.on_click(lambda _b, part=part, seconds=seconds: self.act(part, seconds))
        return widgets.VBox([button, widgets.HTML(f'<div style="text-align:center">'
                                                  f'{html.escape(part.label)}</div>')])

    def _pin_changed(self, pin: int, level: float) -> None:
        if pin not in self._outputs:
            return
        self._levels[pin] = level
        part, view = self._outputs[pin]
        view.value = led_html(part, level) if part.kind == "led" else buzzer_html(part, level)

    def act(self, part: Part, seconds: float) -> None:
        """Press a button (or wave at the sensor) for ``seconds``, then let go."""
        pin = self.factory.pin(part.pin)
        if pin.function != "input":
            return  # nothing set up on this pin yet: the click has nothing to drive
        press, let_go = press_and_let_go(pin)
        press()

        def finish() -> None:
            if pin.function == "input":  # the device may have been closed meanwhile
                let_go()

        threading.Timer(seconds, finish).start()

    def describe(self) -> str:
        """The board in words, for places where widgets do not show (printouts, feedback)."""
        words = []
        for part in self.parts:
            if part.is_input:
                continue
            level = self._levels.get(part.pin, 0.0)
            state = "on" if level >= 1 else (f"{round(level * 100)}%" if level > 0 else "off")
            words.append(f"{part.label} (GPIO{part.pin}): {state}")
        return "; ".join(words) or "no lights or buzzer on this board"

    def close(self) -> None:
        self.factory.remove_listener(self._pin_changed)
        self.widget.close()

    def _repr_pretty_(self, printer, cycle) -> None:  # noqa: ANN001
        printer.text(f"Simulated board: {self.describe()}")
