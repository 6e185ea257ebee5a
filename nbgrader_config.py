"""nbgrader configuration for the Pathways course.

Only what differs from nbgrader's defaults. Run plain `nbgrader` commands from this
folder (e.g. `nbgrader generate_assignment week01`) and they use the same course.
"""
c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

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
