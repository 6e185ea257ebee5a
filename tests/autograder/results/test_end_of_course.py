"""The end of the course, for real: a made-up class goes through all 26 syllabus weeks in an
nbgrader gradebook (capstone choices included, hand grades given through nbgrader's own API,
as formgrader gives them), and `autograder certificates` issues exactly the certificates and
distinctions the rules give, and explains every student it refuses."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from nbgrader.api import Gradebook

from autograder.cli.app import main
from autograder.course.project import Project

REPO = Path(__file__).resolve().parents[3]
PROJECTS = ["project-job-offer-checker", "project-helpline-app", "project-safety-alarm",
            "project-survey-dashboard"]
ROSTER = """id,first_name,last_name,email,centre,batch
END-01,Farida,Khatun,,Khidirpur,2027-A
END-02,Imran,Sheikh,,Khidirpur,2027-A
END-03,মৌমিতা,সাহা,,Bowbazar,2027-B
END-04,Rahul,Mondal,,Bowbazar,2027-B
END-05,पूजा,कुमारी,,Bowbazar,2027-B
END-06,Salma,Begum,,Khidirpur,2027-A
END-07,Arjun,Das,,Khidirpur,2027-A
"""

# Each student's story: percent in ordinary notebooks, weeks not handed in, safety checks
# below half, the capstone project chosen (None = none), and whether it was hand-graded yet.
CLASS = {
    "END-01": dict(percent=92, skip=(), weak_checks=(), project="project-helpline-app", hand=True),
    "END-02": dict(percent=70, skip=(), weak_checks=(), project="project-job-offer-checker", hand=True),
    "END-03": dict(percent=88, skip=(), weak_checks=(), project="project-survey-dashboard", hand=False),
    "END-04": dict(percent=80, skip=("week03", "week05", "week06", "week15", "week16", "week17"),
                   weak_checks=(), project="project-safety-alarm", hand=True),
    "END-05": dict(percent=75, skip=(), weak_checks=("S3",), project="project-helpline-app", hand=True),
    "END-06": dict(percent=81, skip=(), weak_checks=(), project=None, hand=False),
    "END-07": dict(percent=86, skip=(), weak_checks=(), project="project-safety-alarm", hand=True,
                   also_untouched=PROJECTS),  # handed in every project; only the real one counts
}


def _notebooks(week) -> dict[str, list[tuple[str, float, bool]]]:  # noqa: ANN001
    """{notebook: [(grade cell, points, graded by hand?)]} for a week, shaped like the course's."""
    out: dict[str, list[tuple[str, float, bool]]] = {}
    if week.safety:
        out[week.safety_notebook.removesuffix(".ipynb")] = [("kc1_check_tests", 6, False), ("q1_code_tests", 4, False)]
    if week.capstone:
        for name in PROJECTS:
            out[name] = [("q1_core_tests", 12, False), ("r1_readme", 4, True)]
    else:
        out["lesson-main"] = [("q1_main_tests", 10, False)]
    return out


def _build_gradebook(project: Project) -> None:
    with Gradebook(f"sqlite:///{project.gradebook_file}") as gb:
        for week in project.syllabus.weeks:
            gb.add_assignment(week.id, duedate=str(week.due_date) + " 23:59:00")
            for nb, cells in _notebooks(week).items():
                gb.add_notebook(nb, week.id)
                for cell, points, by_hand in cells:
                    gb.add_grade_cell(cell, nb, week.id, max_score=points,
                                      cell_type="markdown" if by_hand else "code")
        for sid, story in CLASS.items():
            for week in project.syllabus.weeks:
                if week.id in story["skip"]:
                    continue
                gb.add_submission(week.id, sid)
                for nb, cells in _notebooks(week).items():
                    chosen = nb == story["project"]
                    for cell, points, by_hand in cells:
                        grade = gb.find_grade(cell, nb, week.id, sid)
                        grade.needs_manual_grade = False   # as autograde leaves a graded cell
                        if nb.startswith("project-") and not chosen:
                            grade.auto_score = 0          # handed in untouched, or not at all
                        elif by_hand:
                            grade.needs_manual_grade = not story["hand"]
                            if story["hand"]:
                                grade.manual_score = points * story["percent"] / 100  # formgrader's grade
                        elif cell.startswith("kc") and week.safety and week.safety.id in story["weak_checks"]:
                            grade.auto_score = 2          # 2 of 6: below half
                        else:
                            grade.auto_score = points * story["percent"] / 100
                gb.db.commit()


@pytest.fixture(scope="module")
def finished_course(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("end-of-course") / "course-root"
    project = Project(root)
    project.course.mkdir(parents=True)
    shutil.copy2(REPO / "nbgrader_config.py", project.config_file)
    shutil.copy2(REPO / "course" / "syllabus.toml", project.syllabus_file)
    shutil.copy2(REPO / "course" / "certificates.toml", project.course / "certificates.toml")
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "students", "import", str(root / "roster.csv")])
    assert result.exit_code == 0, result.output
    _build_gradebook(project)
    return project


def _certificates(project: Project, to: Path) -> tuple[dict[str, str], dict[str, str]]:
    result = CliRunner().invoke(main, ["--project", str(project.root), "certificates", "--to", str(to),
                                       "--issued-on", "2027-07-10"])
    assert result.exit_code == 0, result.output
    with (to / "register.csv").open(encoding="utf-8") as fh:
        issued = {r["student_id"]: r["level"] for r in csv.DictReader(fh)}
    with (to / "not_eligible.csv").open(encoding="utf-8") as fh:
        refused = {r["student_id"]: r["missing"] for r in csv.DictReader(fh)}
    return issued, refused


def test_certificates_at_the_end_of_the_course_are_exactly_the_ones_the_rules_give(finished_course, tmp_path):
    issued, refused = _certificates(finished_course, tmp_path / "certificates")
    assert set(issued) == {"END-01", "END-02", "END-07"}
    assert issued["END-01"] == "distinction" and issued["END-07"] == "distinction"
    assert issued["END-02"] == "completion"
    assert refused == {
        "END-03": "capstone: waiting for hand grading",
        "END-04": ("week03, week05, week06, week15, week16, week17 not submitted "
                   "(20 of 26 weeks, 77 %; needs 80 %)"),
        "END-05": "safety module S3 below 50 % (33 %)",
        "END-06": "capstone not submitted",
    }


def test_once_the_capstone_is_graded_by_hand_the_waiting_student_earns_the_certificate(finished_course, tmp_path):
    with Gradebook(f"sqlite:///{finished_course.gradebook_file}") as gb:
        for week in ("week24", "week25"):
            grade = gb.find_grade("r1_readme", "project-survey-dashboard", week, "END-03")
            grade.manual_score, grade.needs_manual_grade = 3.5, False
        gb.db.commit()
    issued, refused = _certificates(finished_course, tmp_path / "again")
    assert issued["END-03"] == "distinction"
    assert "END-03" not in refused
