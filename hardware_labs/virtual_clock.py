"""Grade labs on virtual time: an IPython extension the grader loads into its kernels.

Why: lab tests measure blinks and beeps. On the real clock a busy grading machine
stretches them (a right answer loses points at random) and every second of sleeping is a
second of grading. With this extension, the kernel's cells and the threads they start run
on virtual time (``hardware_labs.virtual_time``): ``time.sleep`` and gpiozero's blink, beep
and button waits move a virtual clock instead of waiting, so the same notebook always
leaves the same pin history, in milliseconds. Only notebooks that use pins get it.

``autograder grade`` and ``autograder validate`` start each kernel with
``--InteractiveShellApp.extra_extensions=hardware_labs.virtual_clock`` (see
``autograder/robust_execute.py``); set ``PATHWAYS_VIRTUAL_CLOCK=0`` to grade on the real
clock instead. Students' notebooks never load it: on a laptop or a Pi they keep real time.
"""
from __future__ import annotations

import os
import sys
from typing import Any

from . import virtual_patches
from .virtual_time import LabTimeStopped, Scheduler

ENV_VAR = "PATHWAYS_VIRTUAL_CLOCK"
KERNEL_ARGUMENT = "--InteractiveShellApp.extra_extensions=hardware_labs.virtual_clock"

__all__ = ["ENV_VAR", "KERNEL_ARGUMENT", "LabTimeStopped", "active", "install", "uninstall",
           "wanted", "load_ipython_extension"]


def wanted() -> bool:
    """Grading uses virtual time unless PATHWAYS_VIRTUAL_CLOCK=0 (to compare with real time)."""
    return os.environ.get(ENV_VAR, "1").strip().lower() not in ("0", "false", "no", "off")


def active() -> bool:
    """True once this kernel's lab code runs on virtual time."""
    return virtual_patches.scheduler() is not None


def install() -> Scheduler:
    """Virtual time for this process; the calling thread is the main task (it runs the cells)."""
    sched = Scheduler()
    virtual_patches.install(sched)
    sched.adopt_main()
    return sched


def uninstall() -> None:
    """Back to the real clock (tests; a grading kernel keeps virtual time until it ends)."""
    virtual_patches.uninstall()


LAB_WORDS = ("gpiozero", "hardware_labs")


class CellHooks:
    """Cells run on virtual time; between cells the kernel's main thread is on real time.

    The clock starts with the first cell that uses pins (gpiozero is imported, or the cell
    names gpiozero or hardware_labs): notebooks without pins (lessons of weeks 1-9, 15-26)
    run exactly as before, on the real clock and the real ``time`` functions."""

    def __init__(self, sched: Scheduler | None = None) -> None:
        self.sched = sched

    def pre_run_cell(self, info: Any = None) -> None:
        if self.sched is None:
            source = getattr(info, "raw_cell", None) or ""
            if "gpiozero" not in sys.modules and not any(word in source for word in LAB_WORDS):
                return
            self.sched = install()
        virtual_patches.hook_lab_modules()
        self.sched.begin_cell()

    def post_run_cell(self, _result: Any = None) -> None:
        if self.sched is not None:
            self.sched.end_cell()


def load_ipython_extension(ipython: Any) -> None:
    """Called by IPython when the kernel starts with the extension: watch the cells."""
    hooks = CellHooks()
    ipython.events.register("pre_run_cell", hooks.pre_run_cell)
    ipython.events.register("post_run_cell", hooks.post_run_cell)
