"""Each lab's wiring picture matches the kit in code; the Pi set-up tools say what they do."""
from pathlib import Path

import pytest

from autograder.course.syllabus import load_syllabus
from hardware_labs import kit
from hardware_labs.offline_wheels import PLATFORMS, download_command
from hardware_labs.wiring import wiring_svg

ROOT = Path(__file__).resolve().parents[2]
SYLLABUS = load_syllabus(ROOT / "course" / "syllabus.toml")
LAB_WEEKS = [w for w in SYLLABUS.weeks if w.lab is not None]


def test_the_syllabus_places_the_five_labs_in_weeks_10_to_14():
    assert [(w.id, w.lab.id) for w in LAB_WEEKS] == [
        ("week10", "H1"), ("week11", "H2"), ("week12", "H3"), ("week13", "H4"), ("week14", "H5")]
    assert set(kit.LAB_PARTS) == {w.lab.id for w in LAB_WEEKS}


@pytest.mark.parametrize("week", LAB_WEEKS, ids=lambda w: w.id)
def test_a_written_lab_shows_the_wiring_drawn_from_the_kit(week):
    notebook = ROOT / "course" / "source" / week.id / week.lab_notebook
    if not notebook.exists():
        pytest.skip(f"{week.lab_notebook} is not written yet")
    picture = notebook.parent / f"wiring-{week.lab.slug}.svg"
    expected = wiring_svg(week.lab.id, f"{week.lab.id} {week.lab.title}: wiring")
    assert picture.exists(), f"{picture.name} is missing beside {notebook.name}"
    assert picture.read_text(encoding="utf-8") == expected, (
        f"{picture.name} is out of date: write it again with hardware_labs.wiring.write_wiring")
    assert picture.name in notebook.read_text(encoding="utf-8"), f"{notebook.name} should show {picture.name}"


def test_every_led_in_a_diagram_shows_its_resistor_and_the_safety_rules():
    svg = wiring_svg("H3", "H3 Pedestrian crossing: wiring")
    assert svg.count("330 Ω") == 3
    for pin in ("GPIO17 · pin 11", "GPIO27 · pin 13", "GPIO22 · pin 15", "GPIO2 · pin 3", "GPIO18 · pin 12"):
        assert pin in svg
    assert "Never connect 5V or 3V3 straight to a GPIO pin." in svg


def test_the_offline_bundle_asks_for_the_real_lgpio_wheel_for_bookworm(tmp_path):
    command = download_command(tmp_path, tmp_path / "pathways_course-0.1.0-py3-none-any.whl")
    assert "manylinux_2_34_aarch64" in PLATFORMS and "--only-binary=:all:" in command
    assert command[-1].endswith("pathways_course-0.1.0-py3-none-any.whl[pi]")
    assert command[command.index("--python-version") + 1] == "3.11"


def test_the_kit_check_runs_on_pretend_pins(capsys):
    from hardware_labs.check_kit import check_kit
    assert check_kit(seconds_each=0.01) == []
    assert "The red LED (GPIO17) should light now." in capsys.readouterr().out
