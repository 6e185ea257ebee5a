"""Make a submission safe for nbgrader before grading, keeping the student's work.

A cell that claims nbgrader metadata the source never had (a forged graded cell, a made-up
grade id) makes nbgrader reject the whole notebook. Such a cell is turned back into an
ordinary cell, so the rest is graded; the original stays in course/archive/.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from autograder.grade.cell_problems import CellProblem


def _grade_ids(path: Path) -> set[str]:
    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"].get("grade_id") for c in nb.cells if "nbgrader" in c.metadata}


def strip_forged_cells(source_week: Path, submission: Path) -> list[CellProblem]:
    """Remove nbgrader metadata the source does not have; return what was removed."""
    problems = []
    for path in sorted(submission.glob("*.ipynb")):
        source = source_week / path.name
        if not source.exists():
            continue
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:
            continue  # nbgrader reports a notebook it cannot read
        known = _grade_ids(source)
        changed = False
        for number, cell in enumerate(nb.cells, start=1):
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if "nbgrader" in cell.metadata and grade_id not in known:
                del cell.metadata["nbgrader"]
                changed = True
                problems.append(CellProblem(path.name, number, str(grade_id),
                                            "claimed to be a graded cell the course does not have; "
                                            "it was graded as an ordinary cell"))
        if changed:
            nbformat.write(nb, path)
    return problems
