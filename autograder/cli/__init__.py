"""The `autograder` command: one error boundary, then one module per kind of user."""
from autograder.cli.app import main

__all__ = ["main"]
