"""nbgrader configuration for the Pathways course.

Only what differs from nbgrader's defaults. Run plain `nbgrader` commands from this
folder (e.g. `nbgrader generate_assignment week01`) and they use the same course.
"""
c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.root = "course"
c.CourseDirectory.course_id = "pathways"
# Files that must never be copied into a student's folder or graded.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
# A student's cell may run at most this long while grading (seconds).
c.Execute.timeout = 30
# Cut floods of output so one submission cannot fill the disk.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 50
