"""Shared test set-up: the repository's course project, and a quiet grader."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from autograder.course.project import Project

REPO = Path(__file__).resolve().parents[1]

# Hardware labs are graded on gpiozero's mock pins: no test may need a Raspberry Pi.
os.environ.setdefault("GPIOZERO_PIN_FACTORY", "mock")
warnings.filterwarnings("ignore", message=".*not in session.*")


# A test that uses one of these fixtures grades notebooks in Jupyter kernels: it is slow.
KERNEL_FIXTURES = {"grade_answers"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if KERNEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def repo_project() -> Project:
    return Project(REPO)


@pytest.fixture(autouse=True)
def _quick_run_starts_no_kernel(request, monkeypatch, tmp_path_factory):
    """In the quick run (`-m "not slow"`), a test that starts a Jupyter kernel fails and says
    to mark it slow, so the quick run stays quick and the marks stay true."""
    quick = "not slow" in (request.config.getoption("markexpr") or "")
    if not quick or request.node.get_closest_marker("slow"):
        yield
        return
    from jupyter_client.manager import AsyncKernelManager

    flag = tmp_path_factory.mktemp("kernel-flag") / "started"

    async def refuse(self, kernel_cmd, **kw):  # same signature; runs in forked grading workers too
        flag.touch()
        raise RuntimeError("a kernel was started in the quick run")

    monkeypatch.setattr(AsyncKernelManager, "_async_launch_kernel", refuse)
    yield
    if flag.exists():
        pytest.fail("this test starts a Jupyter kernel: mark it @pytest.mark.slow "
                    "(the quick run skips those)", pytrace=False)
