"""Make synthetic student notebooks from a week's release: for checks and the demo."""
from __future__ import annotations

import nbformat
from nbformat.notebooknode import NotebookNode

from autograder.course.project import Project

Answers = dict[tuple[str, str], str | None]  # (notebook, grade_id) -> code; None keeps the release


def solution_cells(nb: NotebookNode) -> dict[str, str]:
    """{grade_id: source} of the notebook's answer cells."""
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def answer_cells(project: Project, week_id: str) -> list[tuple[str, str]]:
    """Every (notebook, grade_id) answer cell of the week, in reading order."""
    out = []
    for path in project.source_notebooks(week_id):
        out += [(path.name, gid) for gid in solution_cells(nbformat.read(path, as_version=4))]
    return out


def filled_release(project: Project, week_id: str, overrides: Answers | None = None) -> dict[str, NotebookNode]:
    """The week's release with every answer cell filled with the solution, except `overrides`."""
    overrides = overrides or {}
    notebooks = {}
    for release in project.release_notebooks(week_id):
        source = solution_cells(nbformat.read(project.source / week_id / release.name, as_version=4))
        nb = nbformat.read(release, as_version=4)
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id not in source:
                continue
            key = (release.name, grade_id)
            if key not in overrides:
                cell.source = source[grade_id]
            elif overrides[key] is not None:
                cell.source = overrides[key]
        notebooks[release.name] = nb
    return notebooks
