"""What a student should read about one graded notebook: points, passes, kind reasons.

Built from the autograded notebook and the gradebook. It never carries the source of a
test cell (hidden tests stay hidden) nor any solution: only the check's own message,
plain words for errors, and the student's own traceback with test-cell frames removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CELL_FRAME = re.compile(r"In\s*\[(\d+)\]")
# A knowledge check asks its questions under one heading, each led by "**Question 3.** …"
QUESTION = re.compile(r"^\*\*(Question \d+)[.:]?\*\*[.:]?\s*(.*)")
POINTS_NOTE = re.compile(r"\s*\(\d+(\.\d+)? points?\)\s*$")


@dataclass
class Exercise:
    grade_id: str
    title: str
    section: str          # the lesson section to look at again
    points: float
    max_points: float
    message: str = ""     # plain words when points were lost
    details: str = ""     # the student's own traceback, folded in the page

    @property
    def passed(self) -> bool:
        return self.points >= self.max_points


@dataclass
class NotebookFeedback:
    notebook: str
    title: str
    exercises: list[Exercise] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_points for e in self.exercises)


def explain(ename: str, evalue: str) -> str:
    """An error in plain words for a 13–20-year-old; the check's own message when it has one."""
    if ename == "AssertionError":
        return evalue.strip() or "One of the checks did not pass. Test your answer with other values too."
    if ename == "NotImplementedError":
        return ("You have not answered this yet: write your code in place of the line "
                "raise NotImplementedError(\"not answered yet\").")
    if ename == "NameError":
        name = re.search(r"name '([^']+)'", evalue)
        what = f"`{name.group(1)}`" if name else "a name"
        return (f"Python could not find {what}. Is it spelled exactly as asked, and did you run "
                "the cell with your answer?")
    if ename in ("CellTimeoutError", "KeyboardInterrupt", "TimeoutError"):
        return "Your code ran longer than the time limit and was stopped. Check that every loop ends."
    if ename in ("DeadKernelError", "SystemExit"):
        return "Your code stopped Python while it ran, so this check could not run."
    if ename == "MemoryError":
        return "Your code used too much memory and was stopped."
    if ename == "SyntaxError":
        return f"Python could not read your code (SyntaxError: {evalue}). Look for a missing bracket, colon or quote."
    return f"Your code raised {ename}: {evalue}"


def _heading(cell) -> str | None:
    first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
    return first.lstrip("#").strip() if first.startswith("#") else None


def _headings(cell) -> list[tuple[int, str]]:
    """(level, text) of every heading in a markdown cell, outside code blocks, in order:
    a cell may hold "## 7. Exercises" and then "### Exercise 1"."""
    found, in_code = [], False
    for line in cell.source.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        elif not in_code and re.match(r"#{1,6} ", line):
            level = len(line) - len(line.lstrip("#"))
            found.append((level, line.lstrip("#").strip()))
    return found


def _question_title(cell, heading: str) -> str | None:
    """'4. Knowledge check · Question 1: A job advert says …' for a question's markdown cell."""
    match = QUESTION.match(cell.source.strip())
    if not match:
        return None
    words = match[2].split("\n")[0].strip()
    if len(words) > 60:
        words = words[:60].rsplit(" ", 1)[0] + " …"
    base = POINTS_NOTE.sub("", heading)
    return f"{base} · {match[1]}" + (f": {words}" if words else "")


def _number_repeats(exercises: list[Exercise]) -> None:
    """Cards that would still share a title get '(part 1)', '(part 2)', … so none look alike."""
    titles = [e.title for e in exercises]
    seen: dict[str, int] = {}
    for exercise in exercises:
        if titles.count(exercise.title) > 1:
            seen[exercise.title] = seen.get(exercise.title, 0) + 1
            exercise.title = f"{exercise.title} (part {seen[exercise.title]})"


def _student_traceback(lines: list[str], test_counts: set[int]) -> str:
    """The traceback without frames that show test-cell code (they may hold hidden tests)."""
    kept = []
    for chunk in lines:
        text = ANSI.sub("", chunk)
        frame = CELL_FRAME.search(text)
        if frame and int(frame.group(1)) in test_counts:
            kept.append("(a check in the test cell)")
        else:
            kept.append(text)
    return "\n".join(kept)


def notebook_feedback(path: Path, grades: dict[str, tuple[float, float]]) -> NotebookFeedback:
    """Feedback for one autograded notebook; `grades` maps a test cell's id to (points, max)."""
    nb = nbformat.read(path, as_version=4)
    title = next((h for c in nb.cells if c.cell_type == "markdown" and (h := _heading(c))), path.stem)
    result = NotebookFeedback(path.name, title)
    test_counts = {c.execution_count for c in nb.cells if c.cell_type == "code"
                   and c.metadata.get("nbgrader", {}).get("grade") and c.execution_count}
    section = exercise = heading_above = ""
    answer_error: tuple[str, str, str] | None = None
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown":
            found = _headings(cell)
            for level, heading in found:
                if level == 2:
                    section = heading
                exercise = heading
            if not found:
                exercise = _question_title(cell, heading_above) or exercise
            else:
                heading_above = found[-1][1]
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if meta.get("solution"):
            answer_error = (errors[0]["ename"], errors[0]["evalue"],
                            _student_traceback(errors[0].get("traceback", []), test_counts)) if errors else None
        if not meta.get("grade") or cell.cell_type != "code":
            continue
        points, max_points = grades.get(meta["grade_id"], (0.0, float(meta.get("points", 0))))
        item = Exercise(meta["grade_id"], exercise or meta["grade_id"], section, points, max_points)
        if not item.passed:
            if answer_error and answer_error[0] == "NotImplementedError":
                item.message = explain(*answer_error[:2])
            elif answer_error:
                item.message = "Your answer cell has an error. " + explain(*answer_error[:2])
                item.details = answer_error[2]
            elif errors:
                item.message = explain(errors[0]["ename"], errors[0]["evalue"])
                if errors[0]["ename"] not in ("AssertionError", "NotImplementedError"):
                    item.details = _student_traceback(errors[0].get("traceback", []), test_counts)
            else:
                item.message = "Some points were not given; ask your instructor why."
        result.exercises.append(item)
        answer_error = None
    _number_repeats(result.exercises)
    return result


def exercise_titles(path: Path) -> dict[str, str]:
    """{test cell grade id: the title feedback shows} for a source notebook (for reports)."""
    return {e.grade_id: e.title for e in notebook_feedback(path, {}).exercises}
