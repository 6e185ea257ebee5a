"""JupyterLab as a student should find it, written as JupyterLab's own settings files.

- Widgets keep their state in the saved notebook, so the simulated board and the safety
  activities show again when a notebook is reopened (no "model not found").
- nbgrader's instructor parts (formgrader, "Create assignment") and, unless the centre runs
  a server with an exchange, the Assignment and Course lists are switched off: a student
  sees only Validate.
- JupyterLab does not ask about fetching news (the centres have no internet anyway).

The same files are written by the Pi's install.sh (through `python -m
autograder.classroom.student_lab`) and by the browser tests, so what is tested is what
students get. Settings live in the user's Jupyter folders, never in the course; a file
that is already there keeps its other settings.

The server extensions are switched off in `jupyter_server_config.json`, not in a
`jupyter_server_config.d/` file: in a virtual environment the student owns (the Pi's
install), Jupyter ranks the environment's folders above the user's, so the environment's
`jupyter_server_config.d/nbgrader.json` (formgrader: on) would win over a user's `.d` file.
`ServerApp.jpserver_extensions` set in a config file wins over every `.d` file.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from autograder import safe_files
from autograder.errors import PathwaysError

INSTRUCTOR_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment")
EXCHANGE_PLUGINS = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:course-list",
                    "@jupyter/nbgrader:menu")
# The Extension Manager searches PyPI: offline it can only fail, and students need none.
OFFLINE_PLUGINS = ("@jupyterlab/extensionmanager-extension:plugin",)
INSTRUCTOR_SERVER = ("nbgrader.server_extensions.formgrader",)
EXCHANGE_SERVER = ("nbgrader.server_extensions.assignment_list", "nbgrader.server_extensions.course_list")
USER_SETTINGS: dict[str, dict[str, object]] = {
    "@jupyter-widgets/jupyterlab-manager/plugin.jupyterlab-settings": {"saveState": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


def write_student_setup(config_dir: Path, settings_dir: Path, *, exchange: bool = False) -> list[Path]:
    """Write the student settings; `config_dir` is Jupyter's config folder (~/.jupyter),
    `settings_dir` JupyterLab's user settings (~/.jupyter/lab/user-settings)."""
    plugins = {name: True for name in INSTRUCTOR_PLUGINS + OFFLINE_PLUGINS}
    plugins |= {name: not exchange for name in EXCHANGE_PLUGINS}
    server = {name: False for name in INSTRUCTOR_SERVER}
    server |= {name: exchange for name in EXCHANGE_SERVER}
    written = [
        _merge_json(config_dir / "labconfig" / "page_config.json", ("disabledExtensions",), plugins),
        _merge_json(config_dir / "jupyter_server_config.json", ("ServerApp", "jpserver_extensions"), server),
    ]
    written += [_json(settings_dir / name, value) for name, value in USER_SETTINGS.items()]
    return written


def _json(path: Path, value: dict) -> Path:
    return safe_files.write_text(path, json.dumps(value, indent=2) + "\n")


def _merge_json(path: Path, keys: tuple[str, ...], values: dict[str, bool]) -> Path:
    """Set `values` in the JSON object at `keys` of `path`, keeping everything else in it."""
    try:
        whole = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PathwaysError(f"{path} cannot be read ({error}): fix or delete it, then run this again") from error
    if not isinstance(whole, dict):
        raise PathwaysError(f"{path} is not a JSON object: fix or delete it, then run this again")
    section = whole
    for key in keys[:-1]:
        if not isinstance(section.get(key), dict):
            section[key] = {}
        section = section[key]
    current = section.get(keys[-1])
    if isinstance(current, list):  # JupyterLab also accepts a list of disabled names
        current = {name: True for name in current}
    section[keys[-1]] = {**(current if isinstance(current, dict) else {}), **values}
    return _json(path, whole)


def main(argv: list[str]) -> int:
    """python -m autograder.classroom.student_lab [--exchange]  (for install.sh)"""
    home = Path.home() / ".jupyter"
    for path in write_student_setup(home, home / "lab" / "user-settings", exchange="--exchange" in argv):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
