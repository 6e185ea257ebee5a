"""The one bridge to nbgrader's gradebook, its health checks, scores and the roster."""
