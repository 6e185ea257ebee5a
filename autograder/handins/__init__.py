"""Notebooks going out to students and coming back: release, submit, collect."""
