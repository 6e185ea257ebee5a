"""nbgrader configuration for the Pathways course.

Only what differs from nbgrader's defaults. Run plain `nbgrader` commands from this
folder (e.g. `nbgrader generate_assignment week01`) and they use the same course.
"""
import os
import sys

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

# nbgrader runs `alembic` from PATH when it makes a new gradebook. A JupyterLab started as
# .venv/bin/jupyter without activating the environment would not find it, and formgrader
# would stay on "Loading, please wait…". The environment's own bin folder goes first.
_bin = os.path.dirname(sys.executable)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")

c.CourseDirectory.root = "course"
c.CourseDirectory.course_id = "pathways"
# Files that must never be copied into a student's folder or graded.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
# Limits for each student's code while grading. `autograder grade` also runs each kernel
# in a bubblewrap sandbox (no network, course folder hidden) with this memory limit;
# plain nbgrader ignores the SandboxKernelManager line.
c.Execute.timeout = 30                        # seconds per cell
c.SandboxKernelManager.memory_limit = "1G"    # per student's kernel
c.LimitOutput.max_lines = 200                 # output kept per cell
c.LimitOutput.max_traceback = 50
# What a released answer cell holds in place of the solution: plain words saying what to do,
# and an error that says "not answered yet" when the cell (or the function) is run as it is.
c.ClearSolutions.code_stub = {
    "python": "# Write your answer here, in place of the next line. Then run this cell.\n"
              'raise NotImplementedError("not answered yet")'
}
