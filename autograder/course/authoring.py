"""Build nbgrader source notebooks from plain Python, with the course's conventions.

Course authors write a short script that calls these helpers and saves the notebook in
`course/source/weekNN/`; the saved notebook is then the truth (edit it in JupyterLab or
re-run the script). The helpers set nbgrader's cell metadata so authors never type it:

    nb = notebook(
        md("# Week 2: Variables"),
        solution("q1_total_cost", '''
            def total_cost(items, price):
                ### BEGIN SOLUTION
                return items * price
                ### END SOLUTION
        '''),
        tests("q1_total_cost", '''
            got = total_cost(3, 40)
            assert got == 120, f"total_cost(3, 40) should be 120, but your function gave {got!r}."
            ### BEGIN HIDDEN TESTS
            ...
            ### END HIDDEN TESTS
        ''', points=2),
    )
    save(nb, "course/source/week02/lesson-variables.ipynb")
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

SCHEMA_VERSION = 3
KERNEL_SPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _clean(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool,
              points: float | None = None, task: bool = False) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": solution, "task": task}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def md(text: str) -> NotebookNode:
    """A markdown cell students read (lesson text, instructions, summaries)."""
    return nbformat.v4.new_markdown_cell(_clean(text))


def code(text: str) -> NotebookNode:
    """An ordinary code cell: worked examples and "try it" cells students may edit."""
    return nbformat.v4.new_code_cell(_clean(text))


def locked_md(grade_id: str, text: str) -> NotebookNode:
    """Markdown nbgrader restores from the source when grading (e.g. an exercise spec)."""
    cell = md(text)
    cell.metadata.update(_nbgrader(grade_id, grade=False, solution=False, locked=True))
    return cell


def solution(grade_id: str, text: str) -> NotebookNode:
    """The student's answer cell; the solution sits between BEGIN/END SOLUTION markers."""
    body = _clean(text)
    if "### BEGIN SOLUTION" not in body:
        raise ValueError(f"solution cell {grade_id!r} has no '### BEGIN SOLUTION' marker")
    cell = nbformat.v4.new_code_cell(body)
    cell.metadata.update(_nbgrader(grade_id, grade=False, solution=True, locked=False))
    return cell


def tests(grade_id: str, text: str, *, points: float) -> NotebookNode:
    """A locked, graded test cell; its id is the exercise's id plus `_tests`."""
    body = _clean(text)
    if "### BEGIN HIDDEN TESTS" not in body:
        raise ValueError(f"test cell {grade_id!r} has no hidden tests")
    cell = nbformat.v4.new_code_cell(body)
    cell.metadata.update(_nbgrader(f"{grade_id}_tests", grade=True, solution=False,
                                   locked=True, points=points))
    return cell


def locked_code(grade_id: str, text: str) -> NotebookNode:
    """Code students run but cannot change: given data or a given function (restored when grading)."""
    cell = code(text)
    cell.metadata.update(_nbgrader(grade_id, grade=False, solution=False, locked=True))
    return cell


def manual_answer(grade_id: str, text: str, *, points: float) -> NotebookNode:
    """A written answer the instructor grades by hand in formgrader (nbgrader's "manually
    graded answer"). The release replaces the whole cell with "YOUR ANSWER HERE", so put the
    question in the markdown cell before it; `text` (a model answer) is only in the source."""
    cell = md(text)
    cell.metadata.update(_nbgrader(grade_id, grade=True, solution=True, locked=False, points=points))
    return cell


def manual_task(grade_id: str, text: str, *, points: float) -> NotebookNode:
    """A rubric item the instructor grades by hand about the whole notebook (nbgrader "task"):
    `text` states the rubric the student is judged on, e.g. "Works for a new user (2 points)"."""
    cell = md(text)
    cell.metadata.update(_nbgrader(grade_id, grade=False, solution=False, locked=True,
                                   points=points, task=True))
    return cell


def notebook(*cells: NotebookNode) -> NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    nb.metadata["kernelspec"] = KERNEL_SPEC
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def save(nb: NotebookNode, path: str | Path) -> Path:
    """Write the notebook with stable cell ids, so regenerating it makes no noisy diff."""
    path = Path(path)
    for index, cell in enumerate(nb.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell["id"] = (grade_id or f"cell-{index:03d}").replace("_", "-")
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path
