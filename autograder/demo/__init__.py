"""The demo class: a whole weekly cycle on fictional students, for a first look."""
