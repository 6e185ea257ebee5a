"""Render the HTML pages students read offline (no CDN: styles are inline)."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from autograder import safe_files

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)


def render(template: str, target: Path, **values) -> Path:
    return safe_files.write_text(target, _env.get_template(template).render(**values))
