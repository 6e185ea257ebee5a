"""How submission files are named, so the student's and the instructor's side agree.

A zip from `autograder submit`:   <student_id>__<week>__<YYYYmmddTHHMMSS>.zip
A plain notebook copied by hand:  <student_id>__<week>__<notebook name>.ipynb
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

SEPARATOR = "__"
TIME_FORMAT = "%Y%m%dT%H%M%S"
# JupyterLab's File > Duplicate names a copy "<name>-Copy1.ipynb", "<name>-Copy2.ipynb", …
JUPYTER_COPY = re.compile(r"^(?P<stem>.+)-Copy\d+\.ipynb$")
# Written into each week's bundle (release.write_bundle): the notebooks the week hands in.
WEEK_MANIFEST = ".pathways-week.json"


@dataclass(frozen=True)
class SubmissionName:
    student_id: str
    week: str
    kind: str                    # "zip" or "notebook"
    timestamp: dt.datetime | None = None  # zips carry their time in the name
    notebook: str | None = None  # plain notebooks carry the notebook's name


def zip_name(student_id: str, week: str, when: dt.datetime) -> str:
    return f"{student_id}{SEPARATOR}{week}{SEPARATOR}{when.strftime(TIME_FORMAT)}.zip"


def parse_name(path: Path) -> SubmissionName | None:
    """The parts of a submission's file name, or None when it does not follow the pattern."""
    parts = path.stem.split(SEPARATOR)
    if len(parts) != 3 or not all(parts):
        return None
    student_id, week, last = parts
    if path.suffix == ".zip":
        try:
            return SubmissionName(student_id, week, "zip", dt.datetime.strptime(last, TIME_FORMAT))
        except ValueError:
            return None
    if path.suffix == ".ipynb":
        return SubmissionName(student_id, week, "notebook", notebook=f"{last}.ipynb")
    return None


def week_of(path: Path) -> str | None:
    """The week a file names (`<id>__<week>__…`), even when the rest of its name is wrong."""
    parts = path.name.split(SEPARATOR)
    return parts[1] if len(parts) == 3 and parts[1] else None


def original_of_copy(name: str) -> str | None:
    """'lesson-x-Copy1.ipynb' -> 'lesson-x.ipynb' (a JupyterLab duplicate); else None."""
    match = JUPYTER_COPY.match(name)
    return f"{match['stem']}.ipynb" if match else None
