"""The course as files: where everything lives, the syllabus, glossary, reviews and status."""
