"""A coordinator checks who earns a certificate at the end of the course, prints them, and
later verifies an id; the rules hold exactly at their edges."""
from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from autograder.course.project import Project
from autograder.eligibility import Rules, standing
from autograder.gradebook.roster import Student
from autograder.gradebook.scores import NotebookRow
from autograder.results.certificates import issue_certificates, read_register, verify
from autograder.results.grades_file import Grades

REPO = Path(__file__).resolve().parents[3]
SYLLABUS = Project(REPO).syllabus
RULES = Rules()
AFTER_THE_END = dt.date(2027, 7, 10)  # the course runs 04 January – 05 July 2027


def course_rows(student: str, *, percent: float = 90, weeks: list[str] | None = None,
                skip: tuple[str, ...] = (), week_percent: dict[str, float] | None = None,
                safety: dict[str, float | None] | None = None) -> list[NotebookRow]:
    """Rows for one student: a 100-point notebook per week, plus the week's safety notebook."""
    rows = []
    for week in SYLLABUS.weeks:
        if weeks is not None and week.id not in weeks:
            continue
        p = (week_percent or {}).get(week.id, percent)
        done = week.id not in skip
        if week.safety:
            sp = (safety or {}).get(week.safety.id, p)
            rows.append(NotebookRow(week.id, week.safety_notebook, student,
                                    sp if done and sp is not None else None, 100))
            p = 2 * p - (sp if sp is not None else p)  # keep the week's percent as asked
        rows.append(NotebookRow(week.id, "lesson-main.ipynb", student, p if done else None, 100))
    return rows


def judge(rows, final=True):
    return standing("S1", rows, SYLLABUS, RULES, final=final)


def test_sixty_percent_average_is_enough_and_59_9_is_not():
    assert judge(course_rows("S1", percent=60)).level == "completion"
    rows = course_rows("S1", percent=60, week_percent={"week05": 57.4})
    s = judge(rows)
    assert round(s.average, 1) == 59.9 and s.level is None
    assert s.missing == ["average 59.9 % (needs 60 %)"]


def test_eighty_percent_of_weeks_submitted_is_enough_and_less_is_not():
    ten = [f"week{n:02d}" for n in range(1, 11)]
    assert judge(course_rows("S1", weeks=ten, skip=("week02", "week03")), final=False).missing == []
    s = judge(course_rows("S1", weeks=ten, skip=("week02", "week03", "week05")), final=False)
    assert s.missing == ["week02, week03, week05 not submitted (7 of 10 weeks, 70 %; needs 80 %)"]


def test_one_safety_module_missing_or_below_half_blocks_the_certificate():
    s = judge(course_rows("S1", safety={"S3": None}))
    assert "safety module S3 not submitted" in s.missing and s.level is None
    s = judge(course_rows("S1", safety={"S6": 40}))
    assert s.missing == ["safety module S6 below 50 % (40 %)"]


def test_capstone_below_half_blocks_and_85_gives_distinction():
    s = judge(course_rows("S1", percent=90, week_percent={"week24": 40, "week25": 40}))
    assert "capstone below 50 % (40 %)" in s.missing
    assert judge(course_rows("S1", percent=85)).level == "distinction"
    assert judge(course_rows("S1", percent=84.9)).level == "completion"


def test_mid_course_the_capstone_counts_only_once_its_project_notebook_is_graded():
    """Week 24 opens with S8 alone; the monthly report must not call everyone 'capstone not submitted'."""
    upto_24 = [f"week{n:02d}" for n in range(1, 25)]
    rows = [r for r in course_rows("S1", weeks=upto_24) if not r.notebook.startswith("lesson-")
            or r.assignment != "week24"]
    assert judge(rows, final=False).missing == []
    assert "capstone not submitted" in judge(rows, final=True).missing
    with_project = rows + [NotebookRow("week24", "capstone-plan.ipynb", "S1", None, 20)]
    assert "capstone not submitted" in judge(with_project, final=False).missing


STUDENTS = {
    "KHD-001": Student("KHD-001", "মৌমিতা", "সাহা", "", "Khidirpur", "2027-A"),
    "KHD-002": Student("KHD-002", "पूजा", "कुमारी", "", "Khidirpur", "2027-A"),
    "BOW-001": Student("BOW-001", "Rahul", "Mondal", "", "Bowbazar", "2027-B"),
}


@pytest.fixture
def grades() -> Grades:
    rows = (course_rows("KHD-001", percent=92) + course_rows("KHD-002", percent=70)
            + course_rows("BOW-001", percent=75, skip=("week07",), safety={"S3": 30}))
    return Grades(rows, STUDENTS)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (bootstrap.py installs it)")
def test_certificates_carry_bengali_and_devanagari_names(grades, tmp_path):
    run = issue_certificates(tmp_path / "out", grades, SYLLABUS, RULES, tmp_path / "register.csv",
                             issued_on=AFTER_THE_END)
    assert {(e.student_id, e.level) for e in run.issued} == {("KHD-001", "distinction"), ("KHD-002", "completion")}
    pdfs = {p.name.split("-", 3)[-1]: p for p in (tmp_path / "out").glob("*.pdf")}
    assert pdf_text(pdfs["KHD-001.pdf"]).count("মৌমিতাসাহা") == 1
    assert "पूजाकुमारी" in pdf_text(pdfs["KHD-002.pdf"])
    text = pdf_text(pdfs["KHD-001.pdf"])
    assert "CertificateofCompletionwithDistinction" in text and "Khidirpur" in text and "78hours" in text
    assert "10July2027" in text and "Signature,forKhidirpur" in text and "Date" in text


def test_not_eligible_lists_exactly_what_is_missing(grades, tmp_path):
    issue_certificates(tmp_path / "out", grades, SYLLABUS, RULES, tmp_path / "register.csv",
                             issued_on=AFTER_THE_END)
    with (tmp_path / "out" / "not_eligible.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows == [{"student_id": "BOW-001", "name": "Rahul Mondal",
                     "missing": "safety module S3 below 50 % (30 %)"}]


def test_rerunning_never_gives_a_second_id_and_verify_finds_it(grades, tmp_path):
    register = tmp_path / "register.csv"
    first = issue_certificates(tmp_path / "a", grades, SYLLABUS, RULES, register, issued_on=AFTER_THE_END)
    second = issue_certificates(tmp_path / "b", grades, SYLLABUS, RULES, register, issued_on=AFTER_THE_END)
    assert (first.new, second.new) == (2, 0)
    assert {e.certificate_id for e in first.issued} == {e.certificate_id for e in second.issued}
    assert len(read_register(register)) == 2
    entry = first.issued[0]
    assert verify(register, entry.certificate_id.lower()) == entry
    assert verify(register, "PW-2027-000000") is None


# -- the coordinator at the command line -------------------------------------------------
def run(project, *args):
    from click.testing import CliRunner

    from autograder.cli.app import main

    return CliRunner(env={"COLUMNS": "200"}).invoke(main, ["--project", str(project.root), *args])


def grades_file(tmp_path, rows) -> Path:
    from autograder.results.grades_file import write_grades

    path = tmp_path / "grades.csv"
    write_grades(path, rows, STUDENTS)
    return path


@pytest.mark.parametrize("when", [["--before-end"], ["--issued-on", "2027-07-10"]])
def test_nobody_eligible_yet_into_a_folder_not_made_yet_lists_who_and_why(tiny_course, tmp_path, when):
    """The monthly run: nobody has finished, the --to folder does not exist yet."""
    path = grades_file(tmp_path, course_rows("KHD-001", percent=40))
    out = tmp_path / "certificates" / "2027-03"
    result = run(tiny_course, "certificates", "--to", str(out), "--grades", str(path), *when)
    assert result.exit_code == 0, result.output
    assert result.output == (f"0 certificate(s) in {out} (0 new id(s)); 1 student(s) not yet eligible: "
                             f"see {out / 'not_eligible.csv'}\n")
    with (out / "not_eligible.csv").open(encoding="utf-8") as fh:
        [row] = list(csv.DictReader(fh))
    assert (row["student_id"], row["name"]) == ("KHD-001", "মৌমিতা সাহা")
    assert row["missing"].startswith("average 40.0 % (needs 60 %)")
    assert (out / "register.csv").exists()


def test_certificates_before_the_course_ends_are_refused_and_the_message_says_how_to_ask(tiny_course, tmp_path):
    path = grades_file(tmp_path, course_rows("KHD-001", percent=92))
    out = tmp_path / "certs"
    result = run(tiny_course, "certificates", "--to", str(out), "--grades", str(path), "--issued-on", "2027-03-31")
    assert result.exit_code == 1
    assert result.output == (
        "Error: The course runs until 05 July 2027 (course/syllabus.toml), so certificates dated 31 March 2027 "
        "would come before it ends. To see who is on track, run `autograder report`; to issue certificates "
        "early anyway (for a student who is leaving), add --before-end.\n")
    assert not out.exists()
    early = run(tiny_course, "certificates", "--to", str(out), "--grades", str(path), "--issued-on",
                "2027-03-31", "--before-end")
    assert early.exit_code == 0 and early.output.startswith("1 certificate(s)")
    assert read_register(tiny_course.course / "certificates" / "register.csv")[0].issued_on == "2027-03-31"
