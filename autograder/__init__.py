"""Pathways autograder: the instructor's, student's and coordinator's tool around nbgrader.

Every job is a plain function in its own module (release, collect, grade, ...);
`autograder.cli.app` only wires them to commands. nbgrader is driven through its Python
API in `autograder.gradebook.bridge`, never forked or patched, so the course stays usable
with plain `nbgrader` commands.
"""

__version__ = "0.1.0"
