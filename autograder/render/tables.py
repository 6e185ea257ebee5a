"""Terminal tables that line up in every terminal, Bengali and Devanagari names included."""
from __future__ import annotations

from rich import box
from rich.table import Table


def names_last_table(*headers: str) -> Table:
    """A table whose last column holds students' names, with no border after it.

    Terminals disagree about how wide Bengali and Devanagari text is (rich counts
    "অনিতা দাস" as 6 cells, most Linux terminals draw 9): any column after a name would
    drift. With the name last and no right edge, every column lines up in every terminal."""
    return Table(*headers, box=box.SIMPLE_HEAD)
