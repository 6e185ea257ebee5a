"""Run lab notebooks many times on virtual time, as a grading kernel does, but cheaply.

Why: proving that grading is repeatable means grading each lab variant many times, and a
kernel start per run (about a second, more on a busy machine) would make that test take
an hour. This runner imports what lab cells import and compiles the cells once, then forks
a fresh child per run. The child turns on the virtual clock with the same cell hooks the
grading kernel's extension (``hardware_labs.virtual_clock``) registers, runs the code cells
in order in one namespace, and reports which graded test cells failed. As in nbgrader, a
test cell earns its points when it runs without an error.

    python tests/hardware_labs/lab_runner.py < jobs.json > results.jsonl

A job: {"id", "folder", "repeat", "cells": [{"source", "grade_id", "points"}]} (and
"virtual": false to run it on the real clock, for comparisons); one JSON
line per run comes back: id, run, score, max_score, failed {grade_id: message}.
"""
from __future__ import annotations

import json
import os
import re
import signal
import sys
from types import CodeType, SimpleNamespace

ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
RUN_LIMIT_SECONDS = 120          # a run that hangs is reported, never waited for


def warm_up() -> None:
    """Import, once before any fork, what every lab imports."""
    os.environ.setdefault("GPIOZERO_PIN_FACTORY", "mock")
    import gpiozero.pins.mock  # noqa: F401

    import hardware_labs.grading  # noqa: F401
    import hardware_labs.lab  # noqa: F401
    import hardware_labs.virtual_clock  # noqa: F401


def compiled(job: dict) -> list[CodeType | SyntaxError]:
    return [_compile(cell["source"], n) for n, cell in enumerate(job["cells"], start=1)]


def _compile(source: str, number: int) -> CodeType | SyntaxError:
    try:
        return compile(source, f"<cell {number}>", "exec")
    except SyntaxError as error:
        return error


def run_once(job: dict, codes: list[CodeType | SyntaxError]) -> dict:
    """In a forked child: the notebook's cells on virtual time; failing test cells and score."""
    from hardware_labs import virtual_clock

    os.chdir(job["folder"])
    sys.stdout = sys.stderr = open(os.devnull, "w")
    real = not job.get("virtual", True)       # "virtual": false grades on the real clock (to compare)
    hooks = virtual_clock.CellHooks()         # as the grading kernel's extension registers them
    if real:
        hooks.pre_run_cell = hooks.post_run_cell = lambda _cell: None
    namespace: dict = {"__name__": "__main__"}
    failed, score, total = {}, 0.0, 0.0
    for cell, code in zip(job["cells"], codes, strict=True):
        hooks.pre_run_cell(SimpleNamespace(raw_cell=cell["source"]))
        error = code if isinstance(code, SyntaxError) else None
        try:
            if error is None:
                exec(code, namespace)  # noqa: S102 (the notebook's own code, as a kernel runs it)
        except BaseException as raised:  # noqa: BLE001 (a cell's error is its result)
            error = raised
        hooks.post_run_cell(None)
        if cell.get("points"):
            total += cell["points"]
            if error is None:
                score += cell["points"]
            else:
                failed[cell["grade_id"]] = ADDRESS.sub("", f"{type(error).__name__}: {error}")
    return {"id": job["id"], "score": score, "max_score": total, "failed": failed,
            "virtual_seconds": hooks.sched.now_ns / 1e9 if hooks.sched else None}


def forked(job: dict, codes: list[CodeType | SyntaxError]) -> dict:
    """Run one job in a fresh child process: no threads or pins left over from other runs."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        signal.alarm(RUN_LIMIT_SECONDS)
        try:
            out = run_once(job, codes)
        except BaseException as error:  # noqa: BLE001 (report anything, never hang the parent)
            out = {"id": job["id"], "crash": f"{type(error).__name__}: {error}"}
        with os.fdopen(write_end, "w") as pipe:
            pipe.write(json.dumps(out))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        text = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(text) if text else {"id": job["id"], "crash": "the run ended without a result"}


def main() -> None:
    jobs = json.load(sys.stdin)
    warm_up()
    for job in jobs:
        codes = compiled(job)
        for run in range(job.get("repeat", 1)):
            print(json.dumps({**forked(job, codes), "run": run}), flush=True)


if __name__ == "__main__":
    main()
