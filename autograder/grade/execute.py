"""nbgrader's Execute preprocessor, made fair to the rest of the class and to the student.

Lab code runs on virtual time: each kernel loads the IPython extension
hardware_labs.virtual_clock, so sleeps, blinks and button waits cost no real time and
pin timings are exact however busy the machine is.

Stock nbgrader loses a student's whole submission when one cell kills the kernel or
ignores the interrupt after a time-out. Here that cell gets an error output saying what
happened ("ran longer than 30 seconds"), the kernel is started again, the cells before it
are replayed (their outputs kept from the first run), and grading goes on from the next
cell. Chosen by configuration (`Autograde.autograde_preprocessors`), never by patching.
"""
from __future__ import annotations

import copy

from jupyter_client.manager import AsyncKernelManager
from nbclient.client import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool

from autograder.grade.sandbox import SandboxKernelManager
from hardware_labs.virtual_clock import KERNEL_ARGUMENT

MAX_RESTARTS = 5  # a notebook that kills Python more often than this is not graded further


def stopped_output(ename: str, message: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=message,
                        traceback=[f"{ename}: {message}"])


class RobustExecute(Execute):
    sandbox = Bool(True, help="Run each kernel inside bubblewrap (Linux)").tag(config=True)
    virtual_clock = Bool(True, help="Run lab code on virtual time (hardware_labs.virtual_clock): "
                                    "exact pin timings, no real sleeping").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        NotebookClient.__init__(self, nb, km)
        self.kernel_manager_class = SandboxKernelManager if self.sandbox else AsyncKernelManager
        extra: list[str] = list(self.extra_arguments)  # type: ignore[has-type]  # a traitlets List
        if self.virtual_clock and KERNEL_ARGUMENT not in extra:
            self.extra_arguments = [*extra, KERNEL_ARGUMENT]
        # A timed-out cell is stopped by ending its kernel, not by SIGINT, which a loop
        # can ignore: let nbclient raise so the kernel can be replaced.
        self.interrupt_on_timeout = False
        self.shutdown_kernel = "immediate"  # nothing in a graded kernel is worth waiting for
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        broken: set[int] = set()
        start = 0
        for _attempt in range(MAX_RESTARTS + 1):
            current = start
            try:
                with self.setup_kernel():
                    client = self.kc  # type: ignore[has-type]  # set by setup_kernel
                    assert client is not None, "setup_kernel gave no kernel client"
                    info = self.wait_for_reply(client.kernel_info())
                    self.nb.metadata["language_info"] = info["content"]["language_info"]
                    self._replay(start, broken)
                    for index in range(start, len(self.nb.cells)):
                        current = index
                        self.preprocess_cell(self.nb.cells[index], resources, index)
                break
            except CellTimeoutError:
                self._mark(current, "CellTimeoutError",
                           f"this cell ran longer than {self.timeout} seconds and was stopped")
            except DeadKernelError:
                self._mark(current, "DeadKernelError",
                           "this cell stopped Python (for example with exit()), so Python was started again")
            self.km = self.kc = None  # the next round gets a fresh kernel (and sandbox)
            broken.add(current)
            start = current + 1
            if start >= len(self.nb.cells):
                break
        else:
            for index in range(start, len(self.nb.cells)):
                self._mark(index, "DeadKernelError", "not run: earlier cells stopped Python too many times")
        self.set_widgets_metadata()
        return self.nb, self.resources

    def _replay(self, upto: int, broken: set[int]) -> None:
        """Run the cells before `upto` again in a new kernel; their first outputs are kept."""
        for index in range(upto):
            cell = self.nb.cells[index]
            if index not in broken and cell.cell_type == "code":
                self.execute_cell(copy.deepcopy(cell), index, store_history=False)

    def _mark(self, index: int, ename: str, message: str) -> None:
        cell = self.nb.cells[index]
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") != "error"]
            cell.outputs.append(stopped_output(ename, message))
