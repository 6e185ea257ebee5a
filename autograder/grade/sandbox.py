"""Run each student's kernel inside bubblewrap: the system read-only, the course folder
hidden, only the submission's own scratch folder writable, no network, its own process
space, and a memory limit.

It is a jupyter_client kernel manager, chosen by our Execute preprocessor
(autograder.grade.execute); nbgrader itself is configured, never changed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

from jupyter_client.manager import AsyncKernelManager
from traitlets import List, Unicode

# Shown once per grading run when the sandbox cannot be used.
NO_SANDBOX_REASON_LINUX = "grading runs without a sandbox: this is not Linux"
NO_SANDBOX_REASON_BWRAP = ("grading runs without a sandbox: bubblewrap is not installed "
                           "(sudo apt-get install bubblewrap)")


def sandbox_problem() -> str | None:
    """Why the sandbox cannot run here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return NO_SANDBOX_REASON_LINUX
    if not shutil.which("bwrap"):
        return NO_SANDBOX_REASON_BWRAP
    return None


def parse_size(text: str | int) -> int:
    """'1G', '512M' or a number of bytes."""
    if isinstance(text, int):
        return text
    units = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}
    text = text.strip().upper().removesuffix("B")
    return int(float(text[:-1]) * units[text[-1]]) if text[-1:] in units else int(text)


COURSE_PACKAGES = ("autograder", "safety_modules", "hardware_labs")  # notebooks import these


def code_under_tmp() -> list[str]:
    """Python and the course's own packages, where they sit under /tmp (a checkout in a temp
    folder, as CI makes): the sandbox gives /tmp a fresh tmpfs, so they are bound back
    read-only. Everywhere else the system's read-only view already shows them."""
    import importlib.util

    places = [sys.prefix]
    for name in COURSE_PACKAGES:
        spec = importlib.util.find_spec(name)
        places += list(spec.submodule_search_locations or []) if spec else []
    return sorted({os.path.realpath(p) for p in places if os.path.realpath(p).startswith("/tmp/")})


class SandboxKernelManager(AsyncKernelManager):
    """An AsyncKernelManager whose kernel command runs under bwrap, over unix sockets."""

    memory_limit = Unicode("1G", help="Address-space limit of the kernel").tag(config=True)
    hidden_paths = List(Unicode(), help="Folders the kernel must not see (the course)").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # With --unshare-net the kernel cannot reach us over TCP (it has its own, empty
        # network); unix sockets in a private folder bound into the sandbox still work.
        self._ipc_dir = tempfile.mkdtemp(prefix="pathways-kernel-")
        self.transport = "ipc"
        self.ip = os.path.join(self._ipc_dir, "kernel-ipc")
        self.connection_file = os.path.join(self._ipc_dir, "connection.json")

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        cmd = super().format_kernel_cmd(extra_arguments)
        cwd = os.path.realpath(str((self._launch_args or {}).get("cwd") or os.getcwd()))
        return self.bwrap_args(cwd) + ["prlimit", f"--as={parse_size(self.memory_limit)}", "--"] + cmd

    def bwrap_args(self, cwd: str) -> list[str]:
        args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
        for shown in code_under_tmp():
            args += ["--ro-bind", shown, shown]
        for hidden in self.hidden_paths:  # after the binds: a course inside them stays hidden
            if os.path.isdir(hidden):
                args += ["--tmpfs", os.path.realpath(hidden)]
        args += ["--bind", cwd, cwd, "--bind", self._ipc_dir, self._ipc_dir, "--chdir", cwd,
                 "--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent",
                 "--new-session", "--setenv", "HOME", "/tmp", "--setenv", "MALLOC_ARENA_MAX", "2",
                 "--setenv", "GPIOZERO_PIN_FACTORY", os.environ.get("GPIOZERO_PIN_FACTORY", "mock"),
                 "--unsetenv", "JPY_PARENT_PID", "--"]
        return args

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        # Student output travels over the kernel protocol; what the kernel process writes
        # to its console is noise on the instructor's terminal.
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._ipc_dir, ignore_errors=True)


