"""Find cells of an autograded notebook that were stopped or crashed, in plain words."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

# Errors that mean the grader stopped the student's code, not a failed test.
STOPPED = {
    "CellTimeoutError": "ran longer than the time limit and was stopped",
    "DeadKernelError": "stopped Python (the kernel died)",
    "KeyboardInterrupt": "ran longer than the time limit and was stopped",
    "MemoryError": "used too much memory",
    "SystemExit": "tried to exit Python",
}


@dataclass(frozen=True)
class CellProblem:
    notebook: str
    cell_number: int  # counted from 1, as a student counts cells in JupyterLab
    grade_id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.notebook} cell {self.cell_number}: {self.reason}"


def find_cell_problems(folder: Path) -> list[CellProblem]:
    problems = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:
            continue
        for number, cell in enumerate(nb.cells, start=1):
            for output in cell.get("outputs", []):
                reason = STOPPED.get(output.get("ename", ""))
                if output.get("output_type") == "error" and reason:
                    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
                    problems.append(CellProblem(path.name, number, grade_id, reason))
    return problems
