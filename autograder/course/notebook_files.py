"""Reading notebooks safely, with one-line errors that name the file."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

from autograder.errors import NotebookError


def parse_notebook(data: bytes, name: str) -> NotebookNode:
    """Parse notebook bytes; raise NotebookError naming `name` if it is not a notebook."""
    try:
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        nbformat.validate(nb)
    except UnicodeDecodeError:
        raise NotebookError(f"{name} is not a notebook (it is not text); "
                            "save the notebook again in JupyterLab.") from None
    except (json.JSONDecodeError, nbformat.reader.NotJSONError):
        raise NotebookError(f"{name} is damaged (not valid notebook JSON); open it in "
                            "JupyterLab, save it again, and resubmit.") from None
    except Exception as err:  # nbformat's ValidationError and friends
        first = str(err).splitlines()[0][:120]
        raise NotebookError(f"{name} is not a valid notebook ({first}); open it in "
                            "JupyterLab, save it again, and resubmit.") from None
    return nb


def read_notebook(path: Path) -> NotebookNode:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise NotebookError(f"{path} cannot be read ({err.strerror}).") from None
    return parse_notebook(data, str(path))
