"""A coordinator merges two centres' exports into one report, and bad files are refused
with the row named and nothing written."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from autograder.cli.app import main
from autograder.results.grades_file import COLUMNS, write_grades

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("certificate_stories", HERE / "test_certificates.py")
stories = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stories)


@pytest.fixture
def centre_files(tmp_path):
    """Khidirpur's and Bowbazar's exports, part way through the course (weeks 1-10)."""
    ten = [f"week{n:02d}" for n in range(1, 11)]
    khd = stories.course_rows("KHD-001", weeks=ten, percent=88) + stories.course_rows("KHD-002", weeks=ten, percent=55)
    bow = stories.course_rows("BOW-001", weeks=ten, percent=75, skip=("week03", "week04", "week06"))
    files = tmp_path / "khidirpur.csv", tmp_path / "bowbazar.csv"
    write_grades(files[0], khd, stories.STUDENTS)
    write_grades(files[1], bow, stories.STUDENTS)
    return files


def run(project, *args):
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, ["--project", str(project.root), *args])


def test_merged_report_has_centres_students_charts_and_a_csv(tiny_course, centre_files, tmp_path):
    out = tmp_path / "report"
    result = run(tiny_course, "report", "--to", str(out), "--grades", str(centre_files[0]),
                 "--grades", str(centre_files[1]))
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    for chart in ("average-by-week.png", "submissions-by-week.png", "averages.png"):
        assert (out / "charts" / chart).stat().st_size > 5000
        assert f'src="charts/{chart}"' in page
    assert "Khidirpur" in page and "Bowbazar" in page and "মৌমিতা সাহা" in page
    assert "http://" not in page and "https://" not in page
    with (out / "students.csv").open(encoding="utf-8") as fh:
        table = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert table["KHD-001"]["status"] == "on track"
    assert table["KHD-002"]["status"] == "at risk" and table["KHD-002"]["why"] == "average 55.0 % (needs 60 %)"
    assert table["BOW-001"]["status"] == "at risk"
    assert table["BOW-001"]["why"].startswith("week03, week04, week06 not submitted")


def bad_file(tmp_path, rows, header=COLUMNS):
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


GOOD = ["week01", "lesson-main.ipynb", "KHD-001", "Ravi", "Das", "Khidirpur", "2027-A", "8", "10"]


@pytest.mark.parametrize("rows, header, message", [
    ([GOOD], COLUMNS[:-2], "{f} lacks the column(s) score, max_score; make it with `autograder export --by-notebook`."),
    ([GOOD, GOOD], COLUMNS, "{f} row 3: KHD-001 week01 lesson-main.ipynb appears twice (first at {f} row 2); keep one row."),
    ([GOOD[:7] + ["12", "10"]], COLUMNS, "{f} row 2: score 12 is outside 0 to 10 for KHD-001 week01 lesson-main.ipynb; fix the score."),
    ([GOOD[:7] + ["eight", "10"]], COLUMNS, "{f} row 2: score 'eight' is not a number; fix the row or export the grades again."),
    ([["week99"] + GOOD[1:]], COLUMNS, "{f} row 2: week 'week99' is not in the syllabus; fix the assignment column."),
])
def test_bad_grades_files_are_refused_naming_the_row(tiny_course, tmp_path, rows, header, message):
    path = bad_file(tmp_path, rows, header)
    out = tmp_path / "report"
    result = run(tiny_course, "report", "--to", str(out), "--grades", str(path))
    assert result.exit_code == 1
    assert result.output.strip() == "Error: " + message.format(f=path)
    assert not out.exists(), "nothing may be written half-way"


def test_an_unknown_student_is_refused_when_the_course_has_a_roster(tiny_course, tmp_path):
    run(tiny_course, "students", "import", str(tiny_course.root / "roster.csv"))
    path = bad_file(tmp_path, [["week01", "lesson-main.ipynb", "ZZZ-9", "A", "B", "K", "1", "5", "10"]])
    result = run(tiny_course, "certificates", "--to", str(tmp_path / "certs"), "--grades", str(path))
    assert result.output.strip() == (f"Error: {path} row 2: unknown student 'ZZZ-9'; add them to the roster "
                                     "or remove the row.")
    assert not (tmp_path / "certs").exists()


def test_certificates_and_verify_from_the_command_line(tiny_course, tmp_path):
    path = tmp_path / "all.csv"
    write_grades(path, stories.course_rows("KHD-001", percent=92), stories.STUDENTS)
    result = run(tiny_course, "certificates", "--to", str(tmp_path / "certs"), "--grades", str(path),
                 "--issued-on", "2027-07-10")
    assert result.exit_code == 0, result.output
    assert "1 certificate(s)" in result.output and "(1 new id(s))" in result.output
    [pdf] = (tmp_path / "certs").glob("*.pdf")
    cert_id = pdf.name.rsplit("-KHD-001.pdf")[0]
    ok = run(tiny_course, "certificates", "verify", cert_id)
    assert ok.exit_code == 0 and f"{cert_id} is genuine: মৌমিতা সাহা (KHD-001), distinction" in ok.output
    missing = run(tiny_course, "certificates", "verify", "PW-2027-ABCDEF")
    assert missing.exit_code == 1 and "is NOT in the register of this course." in missing.output


def test_export_by_notebook_has_a_row_per_student_week_and_notebook(module_released_course, grade_answers, tmp_path):
    project = grade_answers(module_released_course, tmp_path, {"KHD-001": {}})
    from autograder.gradebook.roster import import_roster
    import_roster(project, project.root / "roster.csv")
    out = tmp_path / "by-notebook.csv"
    result = run(project, "export", "--by-notebook", "--to", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == ("assignment", "notebook", "student_id", "first_name", "last_name",
                                            "centre", "batch", "score", "max_score", "check_score", "check_max", "hand_grading")
        rows = {r["student_id"]: r for r in reader}
    assert (rows["KHD-001"]["score"], rows["KHD-001"]["max_score"]) == ("5", "5")
    assert rows["BOW-001"]["score"] == "" and rows["BOW-001"]["centre"] == "Bowbazar"


def test_a_safety_module_is_judged_on_its_knowledge_check_not_on_its_code(tiny_course, grade_answers, tmp_path):
    """Full marks on the code cannot hide a failed knowledge check: the export carries the
    kc* points and the certificate rule reads them."""
    from autograder.course.authoring import md, notebook, save, solution, tests
    from autograder.eligibility import Rules, standing
    from autograder.gradebook.roster import import_roster
    from autograder.handins.release import release_week
    from autograder.results.grades_file import read_grades

    kc = [(f"kc{n}_q{n}", f'answer_{n} = "b"', 1) for n in (1, 2)]
    cells = [md("# S1 (tiny)")]
    for grade_id, answer, points in kc:
        name = answer.split(" =")[0]
        cells += [solution(grade_id, f"### BEGIN SOLUTION\n{answer}\n### END SOLUTION"),
                  tests(grade_id, f'assert {name} in ("a", "b")\n### BEGIN HIDDEN TESTS\n'
                                  f'assert {name} == "b"\n### END HIDDEN TESTS', points=points)]
    cells += [solution("q1_double", "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"),
              tests("q1_double", "assert double(2) == 4\n### BEGIN HIDDEN TESTS\nassert double(0) == 0\n"
                                 "### END HIDDEN TESTS", points=4)]
    save(notebook(*cells), tiny_course.source / "week01" / "safety-our-safe-space.ipynb")
    import_roster(tiny_course, tiny_course.root / "roster.csv")
    release_week(tiny_course, "week01")
    guessed = {("safety-our-safe-space.ipynb", "kc1_q1"): 'answer_1 = "a"',
               ("safety-our-safe-space.ipynb", "kc2_q2"): 'answer_2 = "a"'}
    project = grade_answers(tiny_course, tmp_path, {"KHD-001": {}, "KHD-002": guessed})
    out = tmp_path / "by-notebook.csv"
    assert run(project, "export", "--by-notebook", "--to", str(out)).exit_code == 0
    with out.open(encoding="utf-8") as fh:
        safety = {r["student_id"]: r for r in csv.DictReader(fh) if r["notebook"].startswith("safety-")}
    assert [safety["KHD-002"][c] for c in ("score", "max_score", "check_score", "check_max")] == ["4", "6", "0", "2"]
    assert [safety["KHD-001"][c] for c in ("check_score", "check_max")] == ["2", "2"]
    assert safety["BOW-001"]["check_score"] == "" and safety["BOW-001"]["check_max"] == "2"

    grades = read_grades([out], project.syllabus)
    judged = standing("KHD-002", grades.rows, project.syllabus, Rules(), final=False)
    assert judged.safety_percent == {"S1": 0.0}  # the notebook says 67 %, the check says 0 %
    assert "safety module S1 below 50 % (0 %)" in judged.missing


def test_notebook_names_without_ipynb_are_read_as_the_same_notebooks(tiny_course, tmp_path):
    """A hand-made or older grades file writes `safety-our-safe-space`: the safety modules still count."""
    path = tmp_path / "final.csv"
    write_grades(path, stories.course_rows("KHD-001", percent=92), stories.STUDENTS)
    text = path.read_text(encoding="utf-8").replace(".ipynb,", ",")
    assert ".ipynb" not in text
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "report"
    assert run(tiny_course, "report", "--to", str(out), "--grades", str(path)).exit_code == 0
    with (out / "students.csv").open(encoding="utf-8") as fh:
        [row] = list(csv.DictReader(fh))
    assert (row["safety_passed"], row["status"], row["why"]) == ("8 of 8", "distinction", "")
    certs = run(tiny_course, "certificates", "--to", str(tmp_path / "certs"), "--grades", str(path),
                "--issued-on", "2027-07-10")
    assert certs.output.startswith("1 certificate(s)"), certs.output


def test_a_grades_row_with_an_unquoted_comma_is_refused(tiny_course, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(COLUMNS) + "\nweek01,lesson-main.ipynb,KHD-001,Amit,Das, Jr.,Khidirpur,2027-A,8,10\n",
                    encoding="utf-8")
    result = run(tiny_course, "report", "--to", str(tmp_path / "report"), "--grades", str(path))
    assert result.output == (f"Error: {path} row 2 has 10 fields but the first row has 9: a name with a comma "
                             "in it must be in double quotes; export the grades again.\n")


def test_the_report_from_the_gradebook_names_the_hardest_exercises_as_feedback_does(module_released_course,
                                                                                    grade_answers, tmp_path):
    adds = "def total_cost(items, price):\n    return items + price\n"
    project = grade_answers(module_released_course, tmp_path, {"KHD-002": {("lesson-tiny.ipynb", "q1_total_cost"): adds}})
    out = tmp_path / "report"
    result = run(project, "report", "--to", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    hardest = page[page.index("Hardest exercises"):]
    assert '<td>Exercise 1: the total cost<br><span class="muted">q1_total_cost</span></td>' in hardest
    assert '<td class="nowrap">KHD-002</td>' in page and "td.nowrap, th { white-space: nowrap; }" in page
    assert "body { max-width: 80rem; }" in page  # eight columns: ids and numbers never wrap


def test_the_spread_of_averages_counts_whole_students():
    from autograder.render.charts import histogram_figure

    figure = histogram_figure([55.0, 72.5], title="spread", xlabel="average %")
    ticks = figure.axes[0].get_yticks()
    assert all(float(t).is_integer() for t in ticks), ticks
