"""All errors the tool reports to a user, under one root class.

Each message is one line that names the file or id and says how to fix it; the CLI
prints it without a traceback (unless --debug). Each class also inherits a built-in,
so library callers can catch the usual exception types.
"""


class PathwaysError(Exception):
    """Root of every error the tool explains to its user."""


class ProjectNotFound(PathwaysError, FileNotFoundError):
    """No course project (nbgrader_config.py + course/syllabus.toml) was found."""


class SyllabusError(PathwaysError, ValueError):
    """course/syllabus.toml is missing something or holds a wrong value."""


class UnknownWeek(PathwaysError, KeyError):
    """A week id that the syllabus does not list."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0])


class RosterError(PathwaysError, ValueError):
    """A roster CSV with a missing column, an empty id or a repeated id."""


class NotebookError(PathwaysError, ValueError):
    """A notebook that does not parse, or whose nbgrader cells were tampered with."""


class NbgraderFailed(PathwaysError, RuntimeError):
    """nbgrader reported a failure; the message carries the last useful log line."""


class SubmissionError(PathwaysError, ValueError):
    """A submission that cannot be written or read."""
