"""Render the HTML pages students read offline (no CDN: styles are inline)."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)


def render(template: str, target: Path, **values) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(_env.get_template(template).render(**values), encoding="utf-8")
    partial.replace(target)
    return target
