"""The nbgrader configuration `autograder grade` adds on top of the course's own.

It swaps nbgrader's Execute preprocessor for RobustExecute (sandboxed, fair when a
cell kills or hangs Python, lab code on virtual time) by configuration only; plain
`nbgrader autograde` keeps nbgrader's stock behaviour and the same scores for
well-behaved notebooks.
"""
from __future__ import annotations

from traitlets.config import Config

from autograder.course.project import Project
from hardware_labs import virtual_clock


def grading_config(project: Project, *, sandbox: bool) -> Config:
    from nbgrader.converters.autograde import Autograde
    from nbgrader.preprocessors import Execute

    from autograder.grade.execute import RobustExecute

    stock = Autograde.class_traits()["autograde_preprocessors"].default()
    config = Config()
    config.Autograde.autograde_preprocessors = [RobustExecute if p is Execute else p for p in stock]
    config.RobustExecute.sandbox = sandbox
    config.RobustExecute.virtual_clock = virtual_clock.wanted()   # PATHWAYS_VIRTUAL_CLOCK=0: real time
    config.SandboxKernelManager.hidden_paths = [str(project.course)]
    return config
