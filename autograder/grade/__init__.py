"""The grading engine: nbgrader's autograde, sandboxed, in parallel, with per-cell limits."""
