"""An instructor imports the class roster, fixes it, and imports it again."""
from __future__ import annotations

from click.testing import CliRunner

from autograder.cli.app import main
from autograder.gradebook.bridge import gradebook
from autograder.gradebook.roster import load_roster


def run(project, *args):
    return CliRunner().invoke(main, ["--project", str(project.root), *args])


def test_import_keeps_unicode_names_centre_and_batch(tiny_course):
    result = run(tiny_course, "students", "import", str(tiny_course.root / "roster.csv"))
    assert result.exit_code == 0, result.output
    assert "3 added, 0 updated" in result.output
    roster = load_roster(tiny_course)
    assert roster["KHD-002"].name == "অনিতা দাস"
    assert (roster["BOW-001"].centre, roster["BOW-001"].batch) == ("Bowbazar", "2027-B")
    with gradebook(tiny_course) as book:
        assert book.find_student("BOW-001").first_name == "पूजा"


def test_reimport_updates_and_never_duplicates(tiny_course):
    csv = tiny_course.root / "roster.csv"
    run(tiny_course, "students", "import", str(csv))
    csv.write_text(csv.read_text(encoding="utf-8").replace("Ananya,Das", "Ananya,Dutta"), encoding="utf-8")
    result = run(tiny_course, "students", "import", str(csv))
    assert "0 added, 1 updated" in result.output
    with gradebook(tiny_course) as book:
        assert len(book.students) == 3
        assert book.find_student("KHD-001").last_name == "Dutta"


def test_list_shows_every_student(tiny_course):
    run(tiny_course, "students", "import", str(tiny_course.root / "roster.csv"))
    result = run(tiny_course, "students", "list")
    assert "অনিতা দাস" in result.output and "3 student(s)." in result.output


def test_a_roster_without_centre_column_is_refused_with_the_fix(tiny_course):
    bad = tiny_course.root / "bad.csv"
    bad.write_text("id,first_name,last_name,email\nKHD-001,Ananya,Das,\n", encoding="utf-8")
    result = run(tiny_course, "students", "import", str(bad))
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {bad} lacks the column(s) centre, batch; the first row "
                                     "must be: id,first_name,last_name,email,centre,batch")


def test_a_repeated_id_names_the_row(tiny_course):
    bad = tiny_course.root / "bad.csv"
    bad.write_text("id,first_name,last_name,email,centre,batch\nA-1,Ravi,Das,,K,1\nA-1,Rina,Das,,K,1\n",
                   encoding="utf-8")
    result = run(tiny_course, "students", "import", str(bad))
    assert result.exit_code == 1
    assert "row 3: student id 'A-1' appears twice" in result.output


def test_an_id_with_spaces_is_refused(tiny_course):
    bad = tiny_course.root / "bad.csv"
    bad.write_text("id,first_name,last_name,email,centre,batch\nKHD 1,Ravi,Das,,K,1\n", encoding="utf-8")
    result = run(tiny_course, "students", "import", str(bad))
    assert "row 2: student id 'KHD 1' must be letters and digits" in result.output


def test_a_name_with_an_unquoted_comma_is_refused_naming_the_row_and_the_fix(tiny_course):
    """Without the quotes every column after the name would shift: the email would read 'Jr.'."""
    bad = tiny_course.root / "bad.csv"
    bad.write_text("id,first_name,last_name,email,centre,batch\n"
                   "KHD-303,Rina,Das,,Khidirpur,2027-A\n"
                   "KHD-304,Amit,Das, Jr.,,Khidirpur,2027-A\n", encoding="utf-8")
    result = run(tiny_course, "students", "import", str(bad))
    assert result.exit_code == 1
    assert result.output == (f"Error: {bad} row 3 has 7 fields but the first row has 6: a value with a comma "
                             'in it must be in double quotes, e.g. KHD-304,Amit,"Das, Jr.",,Khidirpur,2027-A\n')
    assert load_roster(tiny_course) == {}, "nothing is imported from a file with a bad row"
    bad.write_text('id,first_name,last_name,email,centre,batch\nKHD-304,Amit,"Das, Jr.",,Khidirpur,2027-A\n',
                   encoding="utf-8")
    assert run(tiny_course, "students", "import", str(bad)).exit_code == 0
    student = load_roster(tiny_course)["KHD-304"]
    assert (student.last_name, student.email, student.batch) == ("Das, Jr.", "", "2027-A")


def test_the_student_list_stays_aligned_after_bengali_and_devanagari_names(tiny_course):
    """Terminals disagree on the width of অনিতা দাস and पूजा कुमारी, so names come last, with
    no border after them: every other column starts at the same place on every row."""
    run(tiny_course, "students", "import", str(tiny_course.root / "roster.csv"))
    result = CliRunner(env={"COLUMNS": "100"}).invoke(main, ["--project", str(tiny_course.root), "students", "list"])
    names = {"KHD-001": "Ananya Das", "KHD-002": "অনিতা দাস", "BOW-001": "पूजा कुमारी"}
    rows = {sid: line for line in result.output.splitlines() for sid in names if line.strip().startswith(sid)}
    assert set(rows) == set(names)
    for sid, line in rows.items():
        assert line.rstrip().endswith(names[sid]), line
        before = line.rstrip()[:-len(names[sid])]
        assert before.isascii(), f"a column after a name would drift: {line!r}"
    assert len({len(line.rstrip()) - len(names[sid]) for sid, line in rows.items()}) == 1  # names start together
    assert len({line.index("2027-") for line in rows.values()}) == 1
