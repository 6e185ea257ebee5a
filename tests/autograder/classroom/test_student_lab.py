"""The student's JupyterLab settings: written once, merged into what is there, never a
traceback for a damaged file. (tests/browser/ proves they take effect in a real browser.)"""
from __future__ import annotations

import json

import pytest

from autograder.classroom.student_lab import write_student_setup
from autograder.errors import PathwaysError


def test_the_settings_keep_what_the_student_already_had_and_can_be_written_again(tmp_path):
    config, settings = tmp_path / ".jupyter", tmp_path / ".jupyter" / "lab" / "user-settings"
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": ["some:plugin"],
                                                                       "other": 1}))
    write_student_setup(config, settings)
    write_student_setup(config, settings)  # running install.sh again is harmless
    page = json.loads((config / "labconfig" / "page_config.json").read_text())
    assert page["other"] == 1 and page["disabledExtensions"]["some:plugin"] is True
    assert page["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True
    assert page["disabledExtensions"]["@jupyterlab/extensionmanager-extension:plugin"] is True
    assert "@jupyter/nbgrader:validate-assignment" not in page["disabledExtensions"]
    server = json.loads((config / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert server["nbgrader.server_extensions.formgrader"] is False
    widgets = settings / "@jupyter-widgets" / "jupyterlab-manager" / "plugin.jupyterlab-settings"
    assert json.loads(widgets.read_text()) == {"saveState": True}


def test_a_centre_with_a_server_keeps_the_assignment_list(tmp_path):
    write_student_setup(tmp_path, tmp_path / "settings", exchange=True)
    page = json.loads((tmp_path / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert page["@jupyter/nbgrader:assignment-list"] is False and page["@jupyter/nbgrader:formgrader"] is True


def test_a_damaged_settings_file_is_named_not_overwritten(tmp_path):
    (tmp_path / "labconfig").mkdir()
    broken = tmp_path / "labconfig" / "page_config.json"
    broken.write_text("{not json")
    with pytest.raises(PathwaysError, match="page_config.json cannot be read"):
        write_student_setup(tmp_path, tmp_path / "settings")
    assert broken.read_text() == "{not json"
