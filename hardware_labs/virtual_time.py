"""Virtual time for lab threads: exact, repeatable timings that cost no real waiting.

Why: graded lab code sleeps, blinks and waits for button presses. Measured with the real
clock, those timings stretch on a busy machine (a right answer loses points at random)
and every second of sleeping is a second of grading. Here, lab threads take turns like
players holding one baton: exactly one *task* (the kernel's main thread during a cell, and
every thread it starts) runs at a time; the others wait. When the running task waits
(``sleep``, ``Event.wait``, ``join``), the baton goes to the next task that can run, in a
fixed order; when every task waits, virtual time jumps to the earliest wake-up. So the
same code always produces the same pin history, in microseconds of real time.

This module is only the scheduler; ``hardware_labs.virtual_patches`` routes ``time``,
``threading`` and gpiozero through it, and ``hardware_labs.virtual_clock`` turns it on.
"""
from __future__ import annotations

import _thread
import heapq
import itertools
from collections import deque

NS = 1_000_000_000
MONOTONIC_START_NS = 1_000 * NS       # what time.monotonic() says when the clock starts
POLL_LIMIT = 100                      # clock or pin reads in a row before time moves on
POLL_STEP_NS = 100_000                # 0.1 ms a read after that: busy-wait loops end
CELL_LIMIT_NS = 600 * NS              # lab time one cell may use before it is stopped

WOKEN, TIMED_OUT, STUCK, OVERTIME, CANCELLED = "woken", "timed out", "stuck", "overtime", "cancelled"


class LabTimeStopped(RuntimeError):
    """The cell's code waits for something that can never happen, or for too long."""


class Task:
    """One lab thread: its turn comes when its gate is opened."""

    __slots__ = ("name", "gate", "active", "polls", "finished", "waiter", "main")

    def __init__(self, name: str, *, main: bool = False) -> None:
        self.name = name
        self.gate = _thread.allocate_lock()
        self.gate.acquire()                # closed: the task waits until it is handed the baton
        self.active = not main             # the main thread is a task only while a cell runs
        self.polls = 0                     # clock/pin reads since the task last waited
        self.finished = False
        self.waiter: Waiter | None = None
        self.main = main

    def __repr__(self) -> str:
        return f"<Task {self.name}>"


class Waiter:
    """One wait of one task: for a key (an Event's condition, a thread) and/or a deadline."""

    __slots__ = ("task", "key", "deadline", "outcome")

    def __init__(self, task: Task, key: object, deadline: int | None) -> None:
        self.task, self.key, self.deadline = task, key, deadline
        self.outcome: str | None = None


class Scheduler:
    """The baton, the run queue and the virtual clock (integer nanoseconds, so sums are exact)."""

    def __init__(self, *, poll_limit: int = POLL_LIMIT, poll_step_ns: int = POLL_STEP_NS,
                 cell_limit_ns: int = CELL_LIMIT_NS) -> None:
        self._lock = _thread.allocate_lock()   # a raw lock: never routed through virtual time
        self.now_ns = 0
        self.poll_limit, self.poll_step_ns, self.cell_limit_ns = poll_limit, poll_step_ns, cell_limit_ns
        self._tasks: dict[int, Task] = {}
        self._holder: Task | None = None
        self._ready: deque[Task] = deque()
        self._timed: list[tuple[int, int, Waiter]] = []
        self._keyed: dict[object, list[Waiter]] = {}
        self._order = itertools.count()
        self._main: Task | None = None
        self._cell_end_ns: int | None = None
        self._closed = False
        self.handoffs = 0                      # how often the baton moved (for benchmarks)

    # -- the clock --------------------------------------------------------------------
    def monotonic_ns(self) -> int:
        return MONOTONIC_START_NS + self.now_ns

    # -- tasks ------------------------------------------------------------------------
    def adopt_main(self) -> Task:
        """The calling thread becomes the main task and holds the baton (between cells too)."""
        task = Task("main", main=True)
        with self._lock:
            self._tasks[_thread.get_ident()] = task
            self._main = self._holder = task
        return task

    def current(self) -> Task | None:
        """The calling thread's task while it runs on virtual time, else None."""
        task = self._tasks.get(_thread.get_ident())
        return task if task is not None and task.active else None

    def begin_cell(self) -> None:
        """A cell starts: the main thread runs on virtual time until the cell ends."""
        if self._main is not None:
            self._main.active, self._main.polls = True, 0
            self._cell_end_ns = self.now_ns + self.cell_limit_ns

    def end_cell(self) -> None:
        """Between cells the main thread keeps the baton: lab threads pause, time stands still."""
        if self._main is not None:
            self._main.active = False
            self._cell_end_ns = None

    def new_task(self, name: str) -> Task:
        return Task(name)

    def make_ready(self, task: Task) -> None:
        """A thread was started: it runs when the tasks before it have waited."""
        with self._lock:
            if self._closed:
                task.gate.release()
                return
            self._ready.append(task)
            if self._holder is None:
                self._switch_locked()

    def enter(self, task: Task) -> None:
        """Called first thing in a started thread: wait for the first turn."""
        with self._lock:
            self._tasks[_thread.get_ident()] = task
            if self._closed:
                return
        task.gate.acquire()

    def after_fork(self) -> None:
        """In a forked child only the forking thread survives: it runs alone, holding the baton."""
        me = self._tasks.get(_thread.get_ident())
        self._lock = _thread.allocate_lock()
        self._ready.clear()
        self._timed.clear()
        self._keyed.clear()
        self._tasks = {} if me is None else {_thread.get_ident(): me}
        if self._main is not me:
            self._main = None
            self._cell_end_ns = None
        self._holder = me

    def release_all(self) -> None:
        """The clock is being removed: every waiting lab thread goes on (in real time from now)."""
        with self._lock:
            self._closed = True
            waiting = list(self._ready)
            waiters = [w for _d, _n, w in self._timed] + [w for ws in self._keyed.values() for w in ws]
            for waiter in waiters:
                if waiter.outcome is None:
                    waiter.outcome = CANCELLED
                    waiting.append(waiter.task)
            self._ready.clear()
            self._timed.clear()
            self._keyed.clear()
            holder, self._holder = self._holder, None
            self._tasks.clear()
        for task in dict.fromkeys(waiting):
            if task is not holder:
                task.gate.release()

    def finish(self, task: Task) -> None:
        """The thread's code returned: wake whoever joins it and pass the baton on."""
        with self._lock:
            task.finished, task.active = True, False
            self._tasks.pop(_thread.get_ident(), None)
            if self._closed:
                return
            self._wake_locked(task, None)
            if self._holder is task or self._holder is None:
                self._switch_locked()

    # -- waiting ----------------------------------------------------------------------
    def register(self, task: Task, key: object = None, timeout: float | None = None) -> Waiter:
        """Start a wait (before the lock that guards the key is let go, so no wake-up is lost)."""
        with self._lock:
            return self._register_locked(task, key, timeout)

    def register_join(self, task: Task, thread: Task, timeout: float | None) -> Waiter | None:
        """Start waiting for ``thread`` to finish; None when it already has."""
        with self._lock:
            return None if thread.finished else self._register_locked(task, thread, timeout)

    def park(self, task: Task, waiter: Waiter) -> str:
        """Hand the baton on and sleep until the wait ends; returns how it ended."""
        task.polls = 0
        with self._lock:
            if self._closed:
                return CANCELLED
            task.waiter = waiter
            if self._holder is task or self._holder is None:
                self._holder = None
                self._switch_locked()
        self._await_turn(task, waiter)
        task.waiter = None
        return waiter.outcome or WOKEN

    def notify(self, key: object, n: int | None = None) -> None:
        """Wake up to ``n`` (None: all) tasks waiting for ``key``, in the order they began."""
        if key not in self._keyed:     # the usual case (no lab thread waits on it): no lock
            return
        with self._lock:
            self._wake_locked(key, n)
            if self._holder is None and self._ready:
                self._switch_locked()

    def poll(self, task: Task) -> None:
        """A clock or pin read. Many in a row without waiting is a busy-wait loop: from then on
        each read moves time on a little, and lets threads that are due take their turn."""
        task.polls += 1
        if task.polls <= self.poll_limit:
            return
        with self._lock:
            if self._holder is not task or self._closed:
                return
            self.now_ns += self.poll_step_ns
            over = self._cell_end_ns is not None and self.now_ns > self._cell_end_ns
            if over and task.main:
                raise LabTimeStopped(overtime_message(self.cell_limit_ns))
            if over and self._main is not None and self._main.waiter is not None:
                self._end_locked(self._main.waiter, OVERTIME)
            while self._timed and self._timed[0][0] <= self.now_ns:
                _deadline, _n, waiter = heapq.heappop(self._timed)
                if waiter.outcome is None:
                    self._end_locked(waiter, TIMED_OUT)
            if not self._ready:
                return
            self._ready.append(task)
            self._holder = None
            self._switch_locked()
        self._await_turn(task, None)

    # -- inside the lock --------------------------------------------------------------
    def _await_turn(self, task: Task, waiter: Waiter | None) -> None:
        try:
            task.gate.acquire()
        except BaseException:            # e.g. KeyboardInterrupt while waiting: run now
            with self._lock:
                if waiter is not None and waiter.outcome is None:
                    self._end_locked(waiter, CANCELLED, ready=False)
                if task in self._ready:
                    self._ready.remove(task)
                if self._holder is task:
                    task.gate.acquire(False)
                self._holder = task
            raise

    def _register_locked(self, task: Task, key: object, timeout: float | None) -> Waiter:
        deadline = None if timeout is None else self.now_ns + max(0, round(timeout * NS))
        waiter = Waiter(task, key, deadline)
        if key is not None:
            self._keyed.setdefault(key, []).append(waiter)
        if deadline is not None:
            heapq.heappush(self._timed, (deadline, next(self._order), waiter))
        return waiter

    def _wake_locked(self, key: object, n: int | None) -> None:
        waiters = self._keyed.get(key)
        if not waiters:
            return
        count = len(waiters) if n is None else min(n, len(waiters))
        for waiter in waiters[:count]:
            waiter.outcome = WOKEN
            self._ready.append(waiter.task)
        del waiters[:count]
        if not waiters:
            del self._keyed[key]

    def _end_locked(self, waiter: Waiter, outcome: str, *, ready: bool = True) -> None:
        waiter.outcome = outcome
        if waiter.key is not None:
            waiters = self._keyed.get(waiter.key, [])
            if waiter in waiters:
                waiters.remove(waiter)
                if not waiters:
                    del self._keyed[waiter.key]
        if ready:
            self._ready.append(waiter.task)

    def _switch_locked(self) -> None:
        task = self._next_locked()
        self._holder = task
        if task is not None:
            self.handoffs += 1
            task.gate.release()

    def _next_locked(self) -> Task | None:
        """The next task to run: a ready one, else time jumps to the earliest wake-up."""
        while not self._ready:
            while self._timed and self._timed[0][2].outcome is not None:
                heapq.heappop(self._timed)
            main_wait = self._main.waiter if self._main is not None else None
            main_waits = main_wait is not None and main_wait.outcome is None
            if self._timed:
                deadline = self._timed[0][0]
                if main_wait is not None and main_waits and self._cell_end_ns is not None \
                        and deadline > self._cell_end_ns:
                    self.now_ns = max(self.now_ns, self._cell_end_ns)
                    self._end_locked(main_wait, OVERTIME)
                    continue
                _deadline, _n, waiter = heapq.heappop(self._timed)
                self.now_ns = max(self.now_ns, deadline)
                self._end_locked(waiter, TIMED_OUT)
            elif main_wait is not None and main_waits:
                self._end_locked(main_wait, STUCK)   # nothing can ever wake it
            else:
                return None
        return self._ready.popleft()


def overtime_message(limit_ns: int) -> str:
    return (f"This cell kept going for more than {limit_ns // NS} seconds of lab time "
            "(for example a loop that never ends), so it was stopped.")


STUCK_MESSAGE = ("This cell waits for something that can never happen now: nothing else is "
                 "running or due (for example wait_for_press() with no timeout while nobody "
                 "presses). On a real Pi it would wait for ever.")
