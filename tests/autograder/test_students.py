"""An instructor imports the class roster, fixes it, and imports it again."""
from __future__ import annotations

from click.testing import CliRunner

from autograder.cli import main
from autograder.roster import load_roster
from autograder.nbgrader_api import gradebook


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
