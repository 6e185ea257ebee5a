"""Proof that a week is fair: solutions earn full marks, the release zero, mistakes less."""
