"""Feedback pages students learn from, built so no hidden test or solution reaches them."""
