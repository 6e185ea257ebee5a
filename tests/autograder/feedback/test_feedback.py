"""A student reads their feedback: points, kind messages, where to look — never hidden tests."""
from __future__ import annotations

import re

import pytest

from autograder.course.secrets import page_text
from autograder.feedback.pages import write_feedback

NB = "lesson-tiny.ipynb"
FORGETS_ZERO = '''
def total_cost(items, price):
    return max(items * price, 1)
'''
DIVIDES_BY_ZERO = '''
def total_cost(items, price):
    return (items * price * items) // items
'''
SYNTAX_ERROR = '''
def greeting(name)
    return "Hello"
'''


@pytest.fixture(scope="module")
def feedback_dir(module_released_course, grade_answers, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("feedback")
    grade_answers(module_released_course, tmp_path, {
        "KHD-001": {},                                           # all right
        "KHD-002": {(NB, "q1_total_cost"): FORGETS_ZERO, (NB, "q2_greeting"): SYNTAX_ERROR},
        "BOW-001": {(NB, "q1_total_cost"): DIVIDES_BY_ZERO, (NB, "q2_greeting"): None},
    })
    out = tmp_path / "feedback"
    write_feedback(module_released_course, "week01", out)
    return out


def text(feedback_dir, student, page="week01/lesson-tiny.html") -> str:
    return re.sub(r"\s+", " ", page_text(feedback_dir / student / page))


def test_full_marks_says_well_done(feedback_dir):
    page = text(feedback_dir, "KHD-001")
    assert "5 of 5 points." in page and "Every check passed. Well done!" in page


def test_a_failing_hidden_check_shows_its_message_but_never_its_code(feedback_dir):
    page = text(feedback_dir, "KHD-002")
    assert "With 0 items the cost should be 0." in page
    assert "total_cost(0, 5)" not in page and "assert" not in page


def test_an_error_in_the_students_code_is_plain_words_first(feedback_dir):
    page = text(feedback_dir, "KHD-002")
    assert "Your answer cell has an error. Python could not read your code (SyntaxError" in page


def test_a_crash_inside_a_hidden_check_hides_the_checks_frame(feedback_dir):
    page = text(feedback_dir, "BOW-001")
    assert "Your code raised ZeroDivisionError: integer division or modulo by zero" in page
    assert "(a check in the test cell)" in page          # the frame of the hidden test, redacted
    assert "total_cost(0, 5)" not in page
    assert "(items * price * items) // items" in page   # the student's own line is shown


def test_an_unanswered_exercise_says_so(feedback_dir):
    assert "You have not answered this yet" in text(feedback_dir, "BOW-001")


def test_progress_page_shows_the_week_the_bar_and_the_certificate_rules(feedback_dir):
    page = text(feedback_dir, "BOW-001", "index.html")
    assert "पूजा कुमारी" in page
    assert "week01 Hello Jupyter and Python Tiny week 0 / 5" in page  # the topic, then a link per notebook
    assert "an average of at least 60 %" in page
    assert "average 0.0 % (needs 60 %)" in page
    html = (feedback_dir / "BOW-001" / "index.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html  # opens offline, no CDN


def test_progress_links_to_the_weeks_feedback(feedback_dir):
    html = (feedback_dir / "KHD-001" / "index.html").read_text(encoding="utf-8")
    assert 'href="week01/lesson-tiny.html"' in html


def test_a_kind_message_that_says_return_false_is_not_a_leaked_solution(tmp_path):
    """Solution lines like `return False` are generic words; real solution lines still count."""
    from autograder.course.authoring import notebook, save, solution
    from autograder.course.secrets import leaked, secret_lines

    save(notebook(solution("q1_is_late", '''
        def is_late(minutes):
            ### BEGIN SOLUTION
            if minutes > 10:
                return True
            return False
            ### END SOLUTION
    ''')), tmp_path / "week05" / "lesson-x.ipynb")
    hidden, solutions = secret_lines(tmp_path / "week05")
    page = "is_late(5) should return False, but your function gave True."
    assert leaked(page, hidden, solutions) == []
    assert leaked("if minutes > 10:", hidden, solutions) == ["if minutes > 10:"]


def test_an_exercise_under_a_section_heading_in_the_same_cell_keeps_its_own_name(tmp_path):
    from autograder.course.authoring import md, notebook, save, solution, tests
    from autograder.feedback.model import notebook_feedback

    path = tmp_path / "lab-x.ipynb"
    save(notebook(md("# Lab"), md("## 7. Exercises\n\nHow the tests work.\n\n### Exercise 1 (2 points): make it"),
                  solution("lab1_make", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION"),
                  tests("lab1_make", "assert x == 1\n### BEGIN HIDDEN TESTS\nassert x\n### END HIDDEN TESTS", points=2)),
         path)
    result = notebook_feedback(path, {"lab1_make_tests": (2.0, 2.0)})
    exercise = result.exercises[0]
    assert (exercise.title, exercise.section) == ("Exercise 1 (2 points): make it", "7. Exercises")


# -- a week with a lesson and a safety module ------------------------------------------------
SAFETY = "safety-our-safe-space.ipynb"


@pytest.fixture(scope="module")
def two_notebook_feedback(_two_notebook_template, grade_answers, tmp_path_factory):
    """KHD-001 gets everything right; KHD-002 misses Exercise 1 and Question 2 of S1."""
    import shutil

    from click.testing import CliRunner

    from autograder.cli.app import main
    from autograder.course.project import Project

    tmp = tmp_path_factory.mktemp("two-notebooks")
    shutil.copytree(_two_notebook_template.root, tmp / "course-root")
    project = grade_answers(Project(tmp / "course-root"), tmp, {
        "KHD-001": {},
        "KHD-002": {(NB, "q1_total_cost"): FORGETS_ZERO, (SAFETY, "kc2_question"): 'answer_2 = "b"'}})
    out = tmp / "feedback"
    result = CliRunner().invoke(main, ["--project", str(project.root), "feedback", "week01", "--to", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_progress_page_links_every_notebook_of_the_week(two_notebook_feedback):
    html = (two_notebook_feedback / "KHD-002" / "index.html").read_text(encoding="utf-8")
    assert '<a href="week01/lesson-tiny.html">Tiny week</a>' in html
    assert '<a href="week01/safety-our-safe-space.html">S1 (tiny)</a>' in html


def test_what_to_review_next_names_the_notebook_and_links_to_it(two_notebook_feedback):
    html = (two_notebook_feedback / "KHD-002" / "index.html").read_text(encoding="utf-8")
    assert ('<a href="week01/lesson-tiny.html">week01 · Tiny week · Exercise 1: the total cost — '
            'see “Exercises”</a>') in html
    assert ('<a href="week01/safety-our-safe-space.html">week01 · S1 (tiny) · 4. Knowledge check · '
            'Question 2: Which number is 1098? — see “4. Knowledge check (2 points)”</a>') in html


def test_each_knowledge_check_question_has_its_own_name(two_notebook_feedback):
    page = text(two_notebook_feedback, "KHD-002", "week01/safety-our-safe-space.html")
    assert "1 / 1 4. Knowledge check · Question 1: Who can you talk to? ✓ All checks passed." in page
    assert "0 / 1 4. Knowledge check · Question 2: Which number is 1098? ✗ Question 2 is not right yet." in page


def test_mid_course_the_progress_page_does_not_promise_what_is_still_to_come(two_notebook_feedback):
    page = text(two_notebook_feedback, "KHD-001", "index.html")
    assert ("So far you meet every rule for the weeks handed out. Still to come: safety modules S2, S3, S4, "
            "S5, S6, S7, S8 and the capstone project.") in page
    assert "Your average so far is at distinction level." in page
    assert "meet every rule, with distinction" not in page
