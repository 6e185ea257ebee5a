"""Every file the tools write appears whole or not at all.

A USB stick pulled out, a full disk or a crash half-way leaves the old file (or none) and
a `<name>.partial` that is removed, never a half-written report, register or bundle that
looks finished. `collect` skips `*.partial` files for the same reason.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

PARTIAL_SUFFIX = ".partial"


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed over it only if the block ends without error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        yield partial
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_text(target: Path, text: str) -> Path:
    with replacing(target) as partial:
        partial.write_text(text, encoding="utf-8")
    return target


def write_bytes(target: Path, data: bytes) -> Path:
    with replacing(target) as partial:
        partial.write_bytes(data)
    return target
