"""A class where some submissions misbehave, by accident or on purpose. The batch always
finishes, each student loses only the points of the cells that failed, and nobody can
reach the gradebook, a classmate's work, the network or the grader.

All cases are graded together in one run, with the sandbox on (as on an instructor's
Linux machine), on the tiny fictional course with a 4-second cell time limit.
"""
from __future__ import annotations

import socket
import tempfile
from pathlib import Path

import nbformat
import pytest

from autograder.grade.sandbox import sandbox_problem
from autograder.grade.week import grade_week
from autograder.gradebook.bridge import gradebook
from autograder.validate.synthetic import filled_release

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sandbox_problem() is not None, reason=str(sandbox_problem()))]

NB = "lesson-tiny.ipynb"
RIGHT_Q1 = "def total_cost(items, price):\n    return items * price\n"


def q1(code: str) -> dict:
    """The student's first answer cell; the second (2 points) is always right."""
    return {(NB, "q1_total_cost"): code}


SCENARIOS = {
    "honest": q1(RIGHT_Q1),
    "infinite-loop": q1("while True:\n    pass\n"),
    "ignores-interrupt": q1("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n"),
    "kills-kernel": q1("import os\nos._exit(1)\n"),
    "calls-exit": q1("import sys\nsys.exit('bye')\n" + RIGHT_Q1),
    "floods-output": q1("print('spam\\n' * 3_000_000)\n" + RIGHT_Q1),
    "eats-memory": q1("hog = bytearray(3 * 1024 ** 3)\n" + RIGHT_Q1),
    "forks-children": q1("import os, sys, time\nprint('ARGV', *sys.argv)\nfor _ in range(20):\n    if os.fork() == 0:\n"
                         "        time.sleep(600)\n        os._exit(0)\n" + RIGHT_Q1),
    "overwrites-gradebook": q1("import pathlib\nfor db in pathlib.Path('/').glob('{root}/course/gradebook.db'):\n"
                               "    db.write_bytes(b'gone')\n" + RIGHT_Q1),
    "kills-grader": q1("import os, signal\nfor pid in (os.getppid(), 1):\n    try:\n"
                       "        os.kill(pid, signal.SIGKILL)\n    except Exception:\n        pass\n" + RIGHT_Q1),
    "reads-classmate": q1("import pathlib\nseen = list(pathlib.Path('{root}/course/submitted').glob('*'))\n"
                          "print('CLASSMATES', len(seen))\n" + RIGHT_Q1),
    "uses-network": q1("import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
                       "    print('NETWORK OPEN')\nexcept OSError:\n    print('NETWORK CLOSED')\n" + RIGHT_Q1),
    "edited-tests": q1("def total_cost(items, price):\n    return 0\n"),
    "forged-cell": q1(RIGHT_Q1),
    "changed-points": q1(RIGHT_Q1),
    "not-a-notebook": q1(RIGHT_Q1),
}


def tamper(name: str, nb) -> None:
    """The edits some students make to cells they should not touch."""
    if name == "edited-tests":
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                cell.source = "pass  # all tests passed!"
    if name == "forged-cell":
        forged = nbformat.v4.new_code_cell("print('free points')")
        forged.metadata["nbgrader"] = {"grade": True, "grade_id": "q9_free_points", "locked": True,
                                       "points": 100, "schema_version": 3, "solution": False, "task": False}
        nb.cells.append(forged)
    if name == "changed-points":
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                cell.metadata["nbgrader"]["points"] = 50


@pytest.fixture(scope="module")
def listener():
    """A server on the grader's loopback that no student's code should reach."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture(scope="module")
def graded(module_released_course, listener, tmp_path_factory):
    """(project, results by student, the folder under which this run's kernels made their
    private folders): the last tells this run's processes from any other grading on the machine."""
    project = module_released_course
    kernels = tmp_path_factory.mktemp("kernels")
    with project.config_file.open("a") as fh:
        fh.write("\nc.Execute.timeout = 4\n")
    with gradebook(project) as book:
        for name in SCENARIOS:
            book.update_or_create_student(name)
    for name, answers in SCENARIOS.items():
        answers = {k: v.replace("{root}", str(project.root).lstrip("/")
                                if "glob('" in v else str(project.root)).replace("{port}", str(listener))
                   for k, v in answers.items()}
        folder = project.submitted / name / "week01"
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2027-01-08 10:00:00.000000")
        for nb_name, nb in filled_release(project, "week01", answers).items():
            tamper(name, nb)
            nbformat.write(nb, folder / nb_name)
        if name == "not-a-notebook":
            (folder / NB).write_text("this is a photo of my screen, not a notebook")
    saved, tempfile.tempdir = tempfile.tempdir, str(kernels)  # the workers fork with it set
    try:
        results = grade_week(project, "week01", jobs=2, sandbox=True)
    finally:
        tempfile.tempdir = saved
    return project, {r.student_id: r for r in results}, kernels


def score(graded, name) -> float:
    return graded[1][name].score


def reasons(graded, name) -> str:
    return "; ".join(str(p) for p in graded[1][name].problems)


def outputs(graded, name) -> str:
    nb = nbformat.read(graded[0].autograded / name / "week01" / NB, as_version=4)
    return "\n".join(f"{o.get('text', '')}{o.get('ename', '')}: {o.get('evalue', '')}"
                     for c in nb.cells for o in c.get("outputs", []))


def test_the_honest_student_gets_full_marks_in_the_same_batch(graded):
    assert (score(graded, "honest"), graded[1]["honest"].status) == (5, "graded")


@pytest.mark.parametrize("name", ["infinite-loop", "ignores-interrupt"])
def test_a_hanging_cell_is_stopped_and_only_its_points_are_lost(graded, name):
    assert score(graded, name) == 2
    assert "ran longer than the time limit and was stopped" in reasons(graded, name)
    assert "ran longer than 4 seconds" in outputs(graded, name)


def test_a_cell_that_kills_python_loses_only_its_own_points(graded):
    assert score(graded, "kills-kernel") == 2
    assert "stopped Python" in reasons(graded, "kills-kernel")


def test_sys_exit_in_a_cell_is_an_error_in_that_cell_only(graded):
    assert score(graded, "calls-exit") == 2
    assert "tried to exit Python" in reasons(graded, "calls-exit")


def test_a_flood_of_output_is_cut_and_the_work_still_counts(graded):
    assert score(graded, "floods-output") == 5
    size = (graded[0].autograded / "floods-output" / "week01" / NB).stat().st_size
    assert size < 500_000


def test_a_memory_hog_is_stopped_by_the_memory_limit(graded):
    assert score(graded, "eats-memory") == 2
    assert "MemoryError" in outputs(graded, "eats-memory")


def processes_mentioning(marker: str) -> list[str]:
    """Processes whose command line names `marker`: only the ones this test run started,
    whatever else (another course's grading) runs on the machine."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # it ended while we looked
        if marker in command:
            found.append(f"{proc.name}: {command[:200]}")
    return found


def test_forked_children_do_not_outlive_the_grading(graded):
    assert score(graded, "forks-children") == 5
    kernels = graded[2]
    assert f"{kernels}/pathways-kernel-" in outputs(graded, "forks-children"), "the marker names this run's kernels"
    left = processes_mentioning(f"{kernels}/pathways-kernel-")
    assert left == [], f"processes left behind: {left}"


def test_the_gradebook_cannot_be_overwritten(graded):
    assert score(graded, "overwrites-gradebook") == 5
    with gradebook(graded[0]) as book:
        assert book.find_submission("week01", "honest").score == 5


def test_the_grader_cannot_be_killed_from_a_cell(graded):
    assert score(graded, "kills-grader") == 5


def test_classmates_work_is_out_of_sight(graded):
    assert "CLASSMATES 0" in outputs(graded, "reads-classmate")


def test_the_network_is_closed(graded):
    assert "NETWORK CLOSED" in outputs(graded, "uses-network")


def test_edited_test_cells_are_restored_from_the_source(graded):
    assert score(graded, "edited-tests") == 2


def test_a_forged_graded_cell_earns_nothing_and_the_rest_is_graded(graded):
    result = graded[1]["forged-cell"]
    assert (result.score, result.max_score) == (5, 5)
    assert "claimed to be a graded cell the course does not have" in reasons(graded, "forged-cell")


def test_changed_points_do_not_change_the_maximum(graded):
    result = graded[1]["changed-points"]
    assert (result.score, result.max_score) == (5, 5)


def test_a_file_that_is_not_a_notebook_is_reported_not_graded(graded):
    result = graded[1]["not-a-notebook"]
    assert result.status == "rejected" and result.error


def test_feedback_tells_the_student_in_plain_words_what_happened(graded, tmp_path):
    import re

    from autograder.course.secrets import page_text
    from autograder.feedback.pages import write_feedback

    write_feedback(graded[0], "week01", tmp_path)
    page = re.sub(r"\s+", " ", page_text(tmp_path / "infinite-loop" / "week01" / "lesson-tiny.html"))
    assert "Your answer cell has an error. Your code ran longer than the time limit and was stopped." in page
    page = re.sub(r"\s+", " ", page_text(tmp_path / "kills-kernel" / "week01" / "lesson-tiny.html"))
    assert "Your code stopped Python while it ran" in page


def test_a_checkout_under_tmp_keeps_its_packages_visible_and_its_course_hidden(tmp_path, monkeypatch):
    """CI clones into a temp folder; the sandbox's fresh /tmp must not hide safety_modules."""
    import os

    from autograder.grade import sandbox

    (tmp_path / "checkout" / "fakepkg").mkdir(parents=True)
    (tmp_path / "checkout" / "fakepkg" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path / "checkout"))
    monkeypatch.setattr(sandbox, "COURSE_PACKAGES", ("fakepkg",))
    package = os.path.realpath(tmp_path / "checkout" / "fakepkg")
    assert package in sandbox.code_under_tmp()

    course = tmp_path / "checkout" / "course"
    course.mkdir()
    manager = sandbox.SandboxKernelManager(hidden_paths=[str(course)])
    args = manager.bwrap_args(str(tmp_path))
    shown, hidden = args.index(package), args.index(os.path.realpath(course))
    assert args[shown - 1] == "--ro-bind" and args[hidden - 1] == "--tmpfs" and shown < hidden
