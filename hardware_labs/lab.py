"""``start_lab()``: the one call at the top of every lab and hardware lesson."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gpiozero import Device
from gpiozero.pins import Factory

from .kit import Part, parts_for
from .pin_factories import (
    BoardMockFactory,
    ReclaimPinsMixin,
    choose_factory,
    close_all_devices,
    install_factory,
    press_and_let_go,
    wants_mock_pins,
)
from .virtual_patches import scheduler as virtual_scheduler

if TYPE_CHECKING:
    from .board import SimulatedBoard


@dataclass
class Lab:
    """The pins and (on pretend pins) the simulated board of one lab session."""

    factory: Factory
    parts: tuple[Part, ...]
    board: SimulatedBoard | None = None
    _timers: list[threading.Timer] = field(default_factory=list)

    @property
    def simulated(self) -> bool:
        return isinstance(self.factory, BoardMockFactory)

    def press_later(self, pin: int, after: float = 0.5, hold: float = 0.3) -> None:
        """Press the button on ``pin`` after ``after`` seconds, as a friend would.

        Useful on the simulated board while a cell waits (``wait_for_press``), because
        Jupyter handles clicks only between cells. On a real Pi, press the real button.
        """
        if not self.simulated:
            raise RuntimeError("press_later works on the simulated board only. "
                               "On the real Pi, press the button with your finger.")

        def press() -> None:
            gpio = self.factory.pin(pin)
            if gpio.function != "input":
                return
            down, up = press_and_let_go(gpio)
            down()
            release = threading.Timer(hold, lambda: gpio.function == "input" and up())
            release.daemon = True
            release.start()

        timer = threading.Timer(after, press)
        timer.daemon = True
        timer.start()
        self._timers.append(timer)

    def reset(self) -> None:
        """Close every device made so far, so the next cell starts with free pins."""
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        close_all_devices(self.factory)

    def describe(self) -> str:
        if self.board is not None:
            return self.board.describe()
        wired = ", ".join(f"{p.label} on GPIO{p.pin}" for p in self.parts)
        where = "Pretend pins (no board shown)" if self.simulated else "Real pins on this Raspberry Pi"
        return f"{where}: {wired}."


_current: Lab | None = None


def _factory_for_this_session() -> Factory:
    current = Device.pin_factory
    if wants_mock_pins() and isinstance(current, BoardMockFactory):
        close_all_devices(current)
        current.reset()
        return current
    if not wants_mock_pins() and isinstance(current, ReclaimPinsMixin):
        close_all_devices(current)
        return current
    factory = choose_factory()
    install_factory(factory)
    return factory


def start_lab(parts: str | list[Part] | tuple[Part, ...] | None = None, *,
              show_board: bool = True) -> Lab:
    """Pick the pins (real on a Pi, pretend elsewhere) and show the simulated board.

    ``parts`` is a lab id ("H1" … "H5"), a list of kit parts, or None for the whole kit.
    Running it again closes the devices of the earlier run, so no pin is "in use".
    """
    global _current
    if _current is not None:
        _current.reset()
        if _current.board is not None:
            _current.board.close()
    chosen = parts_for(parts)
    factory = _factory_for_this_session()
    lab = Lab(factory=factory, parts=chosen)
    # While grading (virtual time) nobody watches: no board, so no widget messages per blink.
    if isinstance(factory, BoardMockFactory) and show_board and virtual_scheduler() is None:
        from .board import SimulatedBoard  # ipywidgets is imported only for a board
        lab.board = SimulatedBoard(factory, chosen)
        _display(lab.board.widget)
    print("Pretend pins: watch the simulated board." if lab.simulated
          else lab.describe())
    _current = lab
    return lab


def _display(widget) -> None:  # noqa: ANN001
    try:
        from IPython.display import display
    except ImportError:  # plain Python: nothing to draw on
        return
    display(widget)
