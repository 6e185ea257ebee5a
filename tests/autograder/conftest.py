"""A tiny, fictional course for testing the tool quickly (two exercises in week01)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.course.authoring import md, notebook, save, solution, tests
from autograder.course.project import Project

REPO = Path(__file__).resolve().parents[2]
ROSTER = """id,first_name,last_name,email,centre,batch
KHD-001,Ananya,Das,,Khidirpur,2027-A
KHD-002,অনিতা,দাস,anita@example.org,Khidirpur,2027-A
BOW-001,पूजा,कुमारी,,Bowbazar,2027-B
"""
WRONG = """[[wrong]]
notebook = "lesson-tiny.ipynb"
cell = "q1_total_cost"
mistake = "adds instead of multiplying"
code = '''
def total_cost(items, price):
    return items + price
'''
"""


def tiny_notebook():
    return notebook(
        md("# Tiny week\nA fictional week for the tool's tests."),
        md("## Exercises\n\n### Exercise 1: the total cost"),
        solution("q1_total_cost", '''
            def total_cost(items, price):
                ### BEGIN SOLUTION
                return items * price
                ### END SOLUTION
        '''),
        tests("q1_total_cost", '''
            got = total_cost(3, 40)
            assert got == 120, f"total_cost(3, 40) should be 120, but your function gave {got!r}."
            ### BEGIN HIDDEN TESTS
            assert total_cost(0, 5) == 0, "With 0 items the cost should be 0."
            ### END HIDDEN TESTS
        ''', points=3),
        md("### Exercise 2: a greeting"),
        solution("q2_greeting", '''
            def greeting(name):
                ### BEGIN SOLUTION
                return f"Hello, {name}!"
                ### END SOLUTION
        '''),
        tests("q2_greeting", '''
            got = greeting("Rani")
            assert got == "Hello, Rani!", f"greeting('Rani') should be 'Hello, Rani!', but gave {got!r}."
            ### BEGIN HIDDEN TESTS
            assert greeting("Amit") == "Hello, Amit!", "Check with another name."
            ### END HIDDEN TESTS
        ''', points=2),
    )


def make_tiny_course(root: Path) -> Project:
    project = Project(root)
    project.source.mkdir(parents=True)
    shutil.copy2(REPO / "nbgrader_config.py", project.config_file)
    shutil.copy2(REPO / "course" / "syllabus.toml", project.syllabus_file)
    save(tiny_notebook(), project.source / "week01" / "lesson-tiny.ipynb")
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    wrong = project.wrong_answers
    wrong.mkdir(parents=True)
    (wrong / "week01.toml").write_text(WRONG, encoding="utf-8")
    return project


@pytest.fixture
def tiny_course(tmp_path: Path) -> Project:
    """A fresh tiny course (not yet released, no roster imported)."""
    return make_tiny_course(tmp_path / "course-root")


@pytest.fixture(scope="session")
def _released_template(tmp_path_factory) -> Project:
    from autograder.gradebook.roster import import_roster
    from autograder.handins.release import release_week

    template = make_tiny_course(tmp_path_factory.mktemp("template") / "course-root")
    import_roster(template, template.root / "roster.csv")
    release_week(template, "week01")
    return template


SAFETY_NB = "safety-our-safe-space.ipynb"  # week01's safety module S1 in the syllabus


def tiny_safety_notebook():
    """Week01's second notebook, as the real safety modules write their knowledge check:
    one heading, then each question led by **Question N.**, graded kc* cells."""
    cells = [md("# S1 (tiny)\nA fictional safety module."), md("## 4. Knowledge check (2 points)")]
    for n, (question, answer) in enumerate([("Who can you talk to?", "b"), ("Which number is 1098?", "a")], 1):
        cells += [md(f"**Question {n}.** {question}\n\n- a) one\n- b) two"),
                  solution(f"kc{n}_question", f"### BEGIN SOLUTION\nanswer_{n} = \"{answer}\"\n### END SOLUTION"),
                  tests(f"kc{n}_question", f"assert answer_{n} in ('a', 'b'), 'one letter'\n### BEGIN HIDDEN TESTS\n"
                                           f"assert answer_{n} == \"{answer}\", 'Question {n} is not right yet.'\n"
                                           "### END HIDDEN TESTS", points=1)]
    return notebook(*cells)


@pytest.fixture(scope="session")
def _two_notebook_template(tmp_path_factory) -> Project:
    from autograder.gradebook.roster import import_roster
    from autograder.handins.release import release_week

    template = make_tiny_course(tmp_path_factory.mktemp("template2") / "course-root")
    save(tiny_safety_notebook(), template.source / "week01" / SAFETY_NB)
    import_roster(template, template.root / "roster.csv")
    release_week(template, "week01")
    return template


@pytest.fixture
def two_notebook_course(_two_notebook_template: Project, tmp_path: Path) -> Project:
    """Like released_course, but week01 has two notebooks: lesson-tiny and S1's safety notebook."""
    root = tmp_path / "course-root"
    shutil.copytree(_two_notebook_template.root, root)
    return Project(root)


@pytest.fixture
def released_course(_released_template: Project, tmp_path: Path) -> Project:
    """The tiny course with its roster imported and week01 released (a fresh copy)."""
    root = tmp_path / "course-root"
    shutil.copytree(_released_template.root, root)
    return Project(root)


def hand_in_and_grade(project: Project, workdir: Path, answers: dict[str, dict]) -> Project:
    """Each student hands in the release filled with `answers` (see synthetic.filled_release)."""
    import datetime as dt

    import nbformat

    from autograder.grade.week import grade_week
    from autograder.handins.collect import collect_week
    from autograder.handins.submit import submit_week
    from autograder.validate.synthetic import filled_release

    usb = workdir / "usb"
    usb.mkdir(exist_ok=True)
    for student, overrides in answers.items():
        folder = workdir / "pis" / student / "week01"
        folder.mkdir(parents=True)
        for name, nb in filled_release(project, "week01", overrides).items():
            nbformat.write(nb, folder / name)
        submit_week("week01", usb, student_id=student, source=folder, now=dt.datetime(2027, 1, 8, 10))
    collect_week(project, "week01", usb)
    grade_week(project, "week01", jobs=2)
    return project


@pytest.fixture(scope="session")
def grade_answers():
    """The `hand_in_and_grade` helper, for tests that grade a few made-up students."""
    return hand_in_and_grade


@pytest.fixture(scope="module")
def module_released_course(_released_template: Project, tmp_path_factory) -> Project:
    """Like released_course, shared by the tests of one module (for graded scenarios)."""
    root = tmp_path_factory.mktemp("module-course") / "course-root"
    shutil.copytree(_released_template.root, root)
    return Project(root)
