"""Route lab code's clock, sleeps and thread waits through a virtual-time Scheduler.

Why patches: students write ``time.sleep`` and gpiozero waits inside its own threads
(``Event.wait``), so the clock has to be swapped where they look it up: the functions of
``time``, ``threading.Event.wait``, ``Condition.wait``/``notify``, ``Thread.start``/``join``,
``datetime.now``, and gpiozero's pin reads (a polling loop is a busy wait).

Only lab tasks see virtual time. Every other thread (the kernel's own: IOPub, heartbeat,
control) and every call made by the kernel's machinery (ipykernel, IPython, zmq, asyncio …)
gets the real functions, so Jupyter keeps working while a cell runs on virtual time.
"""
from __future__ import annotations

import datetime as _datetime
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from .virtual_time import (
    NS,
    OVERTIME,
    STUCK,
    STUCK_MESSAGE,
    WOKEN,
    LabTimeStopped,
    Scheduler,
    Task,
    overtime_message,
)

# Code in these packages is Jupyter's machinery, real I/O or a test runner: it always gets
# real time.
INFRASTRUCTURE = ("ipykernel", "IPython", "zmq", "jupyter_client", "jupyter_core", "tornado",
                  "asyncio", "comm", "traitlets", "ipywidgets", "concurrent", "logging",
                  "debugpy", "subprocess", "socket", "selectors", "multiprocessing", "ssl",
                  "http", "urllib", "psutil", "matplotlib_inline", "_pytest", "pluggy")
PASS_THROUGH = {"threading", "queue", __name__}   # look past these to see who is asking
# Their clock reads are bookkeeping (pin-history stamps), not a loop polling the clock.
NOT_POLLING = ("gpiozero", "hardware_labs")

_scheduler: Scheduler | None = None
_local = threading.local()                         # .real > 0: inside a wait that must be real
_real: dict[str, Any] = {}
_wall_start_ns = 0


def scheduler() -> Scheduler | None:
    """The scheduler lab code runs on, or None when real time is in use."""
    return _scheduler


def _asker() -> str:
    """The module of the first caller outside threading/queue/this module."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name not in PASS_THROUGH:
            return name
        frame = frame.f_back
    return ""


def _task() -> Task | None:
    """The calling lab task, or None where real time applies."""
    return _task_and_asker()[0]


def _task_and_asker() -> tuple[Task | None, str]:
    sched = _scheduler
    if sched is None:
        return None, ""
    task = sched.current()
    if task is None or getattr(_local, "real", False):
        return None, ""
    asker = _asker()
    return (None, asker) if asker.startswith(INFRASTRUCTURE) else (task, asker)


class _RealWaits:
    """Inside this block the calling thread waits in real time (e.g. Thread.start's handshake)."""

    def __enter__(self) -> None:
        _local.real = getattr(_local, "real", 0) + 1

    def __exit__(self, *exc: object) -> None:
        _local.real -= 1


def _check(outcome: str, task: Task) -> None:
    if task.main and outcome == STUCK:
        raise LabTimeStopped(STUCK_MESSAGE)
    if task.main and outcome == OVERTIME:
        raise LabTimeStopped(overtime_message(_scheduler.cell_limit_ns))


# -- time ------------------------------------------------------------------------------
def _virtual_ns(wall: bool) -> int | None:
    """Virtual nanoseconds for a lab task's clock read (None: use the real clock). A read
    by the student's code counts as a poll (a busy-wait loop must see time pass)."""
    task, asker = _task_and_asker()
    if task is None:
        return None
    if not asker.startswith(NOT_POLLING):
        _scheduler.poll(task)
    return _wall_start_ns + _scheduler.now_ns if wall else _scheduler.monotonic_ns()


def monotonic_ns() -> int:
    ns = _virtual_ns(False)
    return _real["monotonic_ns"]() if ns is None else ns


def monotonic() -> float:
    ns = _virtual_ns(False)
    return _real["monotonic"]() if ns is None else ns / NS


def perf_counter_ns() -> int:
    ns = _virtual_ns(False)
    return _real["perf_counter_ns"]() if ns is None else ns


def perf_counter() -> float:
    ns = _virtual_ns(False)
    return _real["perf_counter"]() if ns is None else ns / NS


def time_ns() -> int:
    ns = _virtual_ns(True)
    return _real["time_ns"]() if ns is None else ns


def time_() -> float:
    ns = _virtual_ns(True)
    return _real["time"]() if ns is None else ns / NS


def sleep(seconds: float) -> None:
    task = _task()
    if task is None or seconds < 0:     # a negative time: the real sleep says what is wrong
        return _real["sleep"](seconds)
    if seconds == 0:                    # sleep(0) in a loop is a busy wait
        _scheduler.poll(task)
        return None
    _check(_scheduler.park(task, _scheduler.register(task, None, seconds)), task)
    return None


# -- threading -------------------------------------------------------------------------
def _event_wait(self: threading.Event, timeout: float | None = None) -> bool:
    task = _task()
    if task is None:
        return _real["Event.wait"](self, timeout)
    with self._cond:
        waiter = None
        if not self._flag and (timeout is None or timeout > 0):
            waiter = _scheduler.register(task, self._cond, timeout)
    if waiter is None:   # already set, or no time to wait: a look, and a loop of looks is a busy wait
        _scheduler.poll(task)
        return self._flag
    _check(_scheduler.park(task, waiter), task)
    return self._flag


def _condition_wait(self: threading.Condition, timeout: float | None = None) -> bool:
    task = _task()
    if task is None:
        return _real["Condition.wait"](self, timeout)
    if not self._is_owned():
        raise RuntimeError("cannot wait on un-acquired lock")
    waiter = _scheduler.register(task, self, timeout)
    saved = self._release_save()
    try:
        outcome = _scheduler.park(task, waiter)
    finally:
        self._acquire_restore(saved)
    _check(outcome, task)
    return waiter.outcome == WOKEN


def _condition_notify(self: threading.Condition, n: int = 1) -> None:
    _real["Condition.notify"](self, n)
    if _scheduler is not None:
        _scheduler.notify(self, n)


def _condition_notify_all(self: threading.Condition) -> None:
    _real["Condition.notify_all"](self)
    if _scheduler is not None:
        _scheduler.notify(self, None)


def _thread_start(self: threading.Thread) -> None:
    task = _task()
    if task is None or self._started.is_set():     # started twice: the real error says so
        return _real["Thread.start"](self)
    sched = _scheduler
    child = sched.new_task(self.name)
    body = self.run

    def run() -> None:
        sched.enter(child)
        try:
            body()
        finally:
            sched.finish(child)

    self.run = run
    self._virtual_task = child
    with _RealWaits():                  # start() waits for the new thread to say "started"
        _real["Thread.start"](self)
    sched.make_ready(child)
    return None


def _thread_join(self: threading.Thread, timeout: float | None = None) -> None:
    task = _task()
    child = getattr(self, "_virtual_task", None)
    if task is None or child is None or self is threading.current_thread() or not self._started.is_set():
        return _real["Thread.join"](self, timeout)
    waiter = _scheduler.register_join(task, child, timeout)
    if waiter is not None:
        _check(_scheduler.park(task, waiter), task)
    if child.finished:
        with _RealWaits():
            _real["Thread.join"](self)   # the thread is past its last line: a moment's real wait
    return None


# -- datetime --------------------------------------------------------------------------
class _ClockMeta(type):
    """isinstance(real_datetime_object, datetime.datetime) stays True after the swap."""

    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, cls.__mro__[1])


def _make_datetime_classes() -> tuple[type, type]:
    real_date, real_datetime = _real["date"], _real["datetime"]

    class date(real_date, metaclass=_ClockMeta):  # noqa: N801 (the name students see)
        @classmethod
        def today(cls):  # noqa: ANN206
            return cls.fromtimestamp(time_())

    class datetime(real_datetime, metaclass=_ClockMeta):  # noqa: N801
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206
            return cls.fromtimestamp(time_(), tz)

        @classmethod
        def today(cls):  # noqa: ANN206
            return cls.fromtimestamp(time_())

        @classmethod
        def utcnow(cls):  # noqa: ANN206
            return cls.fromtimestamp(time_(), _datetime.UTC).replace(tzinfo=None)

    for cls, real in ((date, real_date), (datetime, real_datetime)):
        cls.__module__, cls.__qualname__ = "datetime", real.__qualname__
        cls.__name__ = f"datetime.{real.__name__}"   # repr() reads datetime.date(2027, 3, 15), as before
    return date, datetime


# -- gpiozero: reading a pin in a loop is polling --------------------------------------
def _polling(read: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any) -> Any:
        task = _task()
        if task is not None:
            _scheduler.poll(task)
        return read(*args)
    wrapper._virtual_original = read
    return wrapper


def hook_lab_modules() -> None:
    """Once gpiozero is imported (by the notebook, after the clock started): count its pin
    and sensor reads as polls."""
    mock = sys.modules.get("gpiozero.pins.mock")
    mixins = sys.modules.get("gpiozero.mixins")
    if mock is not None and not hasattr(mock.MockPin._get_state, "_virtual_original"):
        _real["MockPin._get_state"] = mock.MockPin._get_state
        mock.MockPin._get_state = _polling(mock.MockPin._get_state)
    if mixins is not None and not hasattr(mixins.GPIOQueue.value.fget, "_virtual_original"):
        _real["GPIOQueue.value"] = mixins.GPIOQueue.value
        mixins.GPIOQueue.value = property(_polling(mixins.GPIOQueue.value.fget))


# -- install / uninstall ---------------------------------------------------------------
_TIME_FUNCTIONS = {"monotonic": monotonic, "monotonic_ns": monotonic_ns, "perf_counter": perf_counter,
                   "perf_counter_ns": perf_counter_ns, "time": time_, "time_ns": time_ns, "sleep": sleep}
_METHODS = {(threading.Event, "wait"): _event_wait, (threading.Condition, "wait"): _condition_wait,
            (threading.Condition, "notify"): _condition_notify,
            (threading.Condition, "notify_all"): _condition_notify_all,
            (threading.Thread, "start"): _thread_start, (threading.Thread, "join"): _thread_join}


def _after_fork_in_child() -> None:
    if _scheduler is not None:
        _scheduler.after_fork()


_fork_hook_registered = False


def install(sched: Scheduler) -> None:
    """Lab code in this process runs on ``sched``'s virtual time from now on."""
    global _scheduler, _wall_start_ns, _fork_hook_registered
    if _scheduler is not None:
        raise RuntimeError("the virtual clock is already installed")
    if not _fork_hook_registered and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_after_fork_in_child)
        _fork_hook_registered = True
    for name in _TIME_FUNCTIONS:
        _real[name] = getattr(time, name)
    for cls, name in _METHODS:
        _real[f"{cls.__name__}.{name}"] = getattr(cls, name)
    _wall_start_ns = (_real["time_ns"]() // NS) * NS
    _scheduler = sched
    for name, fake in _TIME_FUNCTIONS.items():
        setattr(time, name, fake)
    _rebind({id(_real[name]): fake for name, fake in _TIME_FUNCTIONS.items()})
    for (cls, name), fake in _METHODS.items():
        setattr(cls, name, fake)
    _real["date"], _real["datetime"] = _datetime.date, _datetime.datetime
    _datetime.date, _datetime.datetime = _make_datetime_classes()
    hook_lab_modules()


def uninstall() -> None:
    """Back to real time (for tests; a grading kernel keeps the clock until it ends)."""
    global _scheduler
    if _scheduler is None:
        return
    for name in _TIME_FUNCTIONS:
        setattr(time, name, _real[name])
    _rebind({id(fake): _real[name] for name, fake in _TIME_FUNCTIONS.items()})
    for (cls, name) in _METHODS:
        setattr(cls, name, _real[f"{cls.__name__}.{name}"])
    _datetime.date, _datetime.datetime = _real.pop("date"), _real.pop("datetime")
    mock, mixins = sys.modules.get("gpiozero.pins.mock"), sys.modules.get("gpiozero.mixins")
    _scheduler.release_all()
    if mock is not None and "MockPin._get_state" in _real:
        mock.MockPin._get_state = _real.pop("MockPin._get_state")
    if mixins is not None and "GPIOQueue.value" in _real:
        mixins.GPIOQueue.value = _real.pop("GPIOQueue.value")
    _scheduler = None


def _rebind(replacements: dict[int, Callable[..., Any]]) -> None:
    """Swap ``from time import sleep``-style copies already made by imported modules."""
    for module in list(sys.modules.values()):
        names = getattr(module, "__dict__", None)
        if not isinstance(names, dict) or module is sys.modules[__name__] or module is time:
            continue
        for key, value in list(names.items()):
            if callable(value) and id(value) in replacements:
                names[key] = replacements[id(value)]
