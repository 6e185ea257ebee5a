"""The student's week in JupyterLab, in a real browser (Chromium through Playwright).

Each test is one short story of a student (or the instructor) at the screen. The servers
and the browser are set up in conftest.py: the student's JupyterLab carries exactly the
settings `autograder.classroom.student_lab` writes on a Pi. Screenshots of each step go to
test-artifacts/browser/.
"""
from __future__ import annotations

import json
import re
import time

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest skips every test here, saying why
    expect = None

pytestmark = pytest.mark.slow

KERNEL_MS = 120_000
WIDGET_ERRORS = re.compile(r"Error displaying widget|model not found", re.IGNORECASE)
DRAWN_OR_FAILED = re.compile(r"Simulated board|See what this means|Error displaying widget")
INSTRUCTOR_ONLY = re.compile(r"formgrader|create assignment|assignment list|course list|nbgrader",
                             re.IGNORECASE)
EXCHANGE_ERRORS = re.compile(r"Error fetching courses|exchange directory", re.IGNORECASE)


def output_of(lab, code: str):
    """The output area under the code cell that holds `code`."""
    return lab.cell(code).locator(".jp-OutputArea")


def test_lab_run_all_shows_the_board_and_a_click_lights_the_led(student_lab):
    """Week 13, lab H4 on a laptop: Ayesha runs all cells and the simulated board appears
    (red LED off, a quiet buzzer, a Press button for the push button). She runs the
    "flash_on_press" cell of section 4 again, clicks "Press: GPIO2", and the red LED lights
    for half a second, then goes off."""
    lab = student_lab
    lab.open_notebook("week13/lab-safety-alarm.ipynb")
    lab.run_all_and_wait(stops_at="parts = make_alarm()")

    board = output_of(lab, 'lab = start_lab("H4")')
    board.scroll_into_view_if_needed()
    expect(board.get_by_text("Simulated board", exact=True)).to_be_visible()
    expect(board.get_by_text("GPIO17 · off")).to_be_visible()
    expect(board.get_by_text("quiet", exact=True)).to_be_visible()
    press = board.get_by_role("button", name="Press: GPIO2")
    expect(press).to_be_visible()
    expect(board).not_to_have_text(WIDGET_ERRORS)
    lab.shot("1-lab-board-after-run-all")

    ready = lab.run_cell("flash_on_press(button, red, 0.5)")
    expect(ready.locator(".jp-OutputArea")).to_contain_text("Ready. Each press lights the LED",
                                                            timeout=KERNEL_MS)
    lab.wait_for_idle_kernel()
    # The LED is lit for only 0.5 s: a watcher in the page notes every state the board shows.
    lab.page.evaluate("""() => {
        window.ledStates = [];
        const note = () => {
            for (const el of document.querySelectorAll('.widget-html-content')) {
                const m = el.textContent.match(/GPIO17 · (\\S+)/);
                if (m && window.ledStates.at(-1) !== m[1]) window.ledStates.push(m[1]);
            }
        };
        note();
        new MutationObserver(note).observe(document.body,
            {subtree: true, childList: true, characterData: true});
    }""")
    press.scroll_into_view_if_needed()
    press.click()
    lab.page.wait_for_function("() => window.ledStates.includes('on')", timeout=KERNEL_MS)
    lab.shot("1-lab-board-led-lit-after-click")   # best effort: the light may be off again
    lab.page.wait_for_function("() => window.ledStates.at(-1) === 'off'", timeout=KERNEL_MS)
    states = lab.page.evaluate("() => window.ledStates")
    assert states[0] == "off" and "on" in states and states[-1] == "off", states


def test_safety_card_answers_with_feedback(student_lab):
    """Week 13, safety module S5: Rahul runs the notebook, picks an answer on the "Lost at a
    big station" card and presses "See what this means": a kind explanation appears. He
    picks the agreed meeting place and is told it is a safe choice. In "Sort it out" he
    marks one sentence and presses "Check my sorting": he sees how many are sorted well."""
    lab = student_lab
    lab.open_notebook("week13/safety-safety-plans.ipynb")
    lab.run_all_and_wait(stops_at='like: answer_1 = "a"')

    card = output_of(lab, 'scenario_card("S5", "lost-in-the-crowd")')
    card.scroll_into_view_if_needed()
    expect(card.get_by_text("Lost at a big station")).to_be_visible()
    see = card.get_by_role("button", name="See what this means")
    card.get_by_text("Walk up and down the platforms alone until she finds them.").click()
    see.click()
    expect(card).to_contain_text("Many people might do this. Think about it again:")
    card.get_by_text("Go to the enquiry counter on platform 1, as agreed, and wait there.").click()
    see.click()
    expect(card).to_contain_text("A safe choice. Yes. This is what a meeting place is for")
    lab.shot("2-safety-card-feedback")

    sorter = output_of(lab, 'warning_sign_sorter("S5", "plan-or-warning")')
    sorter.scroll_into_view_if_needed()
    sorter.get_by_role("button", name="warning sign").first.click()
    sorter.get_by_role("button", name="Check my sorting").click()
    expect(sorter).to_contain_text(re.compile(r"\d+ of \d+ sorted well|All \d+ sorted well"))
    expect(sorter).to_contain_text("Not sorted yet")
    expect(lab.notebook()).not_to_have_text(WIDGET_ERRORS)
    lab.shot("2-safety-sorter-feedback")


def test_widgets_show_again_after_save_and_reopen(student_lab):
    """Next day: Priya ran the week 10 lab (board) and the S1 safety card (with its
    feedback), saved both with Ctrl+S, shut down her kernels and reloaded JupyterLab. She
    opens both notebooks again: the board and the card are drawn from the saved notebook,
    with no "Error displaying widget: model not found". (JupyterLab keeps widgets in the
    file only with `saveState: true`, which the student settings switch on.)"""
    lab = student_lab
    lab.open_notebook("week10/lab-blink.ipynb")
    lab.run_all_and_wait(stops_at="got = make_red_led()")
    expect(output_of(lab, 'lab = start_lab("H1")')).to_contain_text("Simulated board")
    lab.save()

    lab.open_from_file_browser("week01/safety-our-safe-space.ipynb")
    lab.run_all_and_wait(stops_at='like: answer_1 = "a"')
    card = output_of(lab, 'scenario_card("S1", "laughing-at-a-mistake")')
    card.scroll_into_view_if_needed()
    card.get_by_role("radio").first.click()
    card.get_by_role("button", name="See what this means").click()
    feedback = re.compile(r"A safe choice\.|Many people might do this\.")
    expect(card).to_contain_text(feedback)
    lab.save()

    for path in ("week10/lab-blink.ipynb", "week01/safety-our-safe-space.ipynb"):
        saved = json.loads((lab.server.root / path).read_text(encoding="utf-8"))
        state = saved["metadata"].get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
        assert state.get("state"), f"{path} was saved without its widgets (is saveState on?)"

    lab.menu("Kernel", "Shut Down All Kernels…")
    lab.page.locator(".jp-Dialog").get_by_role("button", name="Shut Down All").click()
    lab.page.wait_for_function("() => !document.querySelector('.jp-Dialog')")
    deadline = time.monotonic() + 60
    while lab.server.api("GET", "/api/kernels") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not lab.server.api("GET", "/api/kernels"), "the kernels did not shut down"
    lab.reload("lab-blink.ipynb", "safety-our-safe-space.ipynb")   # JupyterLab puts both back

    lab.open_from_file_browser("week10/lab-blink.ipynb")
    board = output_of(lab, 'lab = start_lab("H1")')
    board.scroll_into_view_if_needed()
    expect(board).to_contain_text(DRAWN_OR_FAILED, timeout=KERNEL_MS)
    expect(board).not_to_have_text(WIDGET_ERRORS)
    expect(board.get_by_text("Simulated board", exact=True)).to_be_visible()
    expect(board.get_by_text("GPIO17 · off")).to_be_visible()
    assert_every_widget_drawn(lab)
    lab.shot("3-reopened-lab-board")

    lab.open_from_file_browser("week01/safety-our-safe-space.ipynb")
    card = output_of(lab, 'scenario_card("S1", "laughing-at-a-mistake")')
    card.scroll_into_view_if_needed()
    expect(card).to_contain_text(DRAWN_OR_FAILED, timeout=KERNEL_MS)
    expect(card).not_to_have_text(WIDGET_ERRORS)
    expect(card.get_by_role("button", name="See what this means")).to_be_visible()
    expect(card).to_contain_text(feedback)
    assert_every_widget_drawn(lab)
    lab.shot("3-reopened-safety-card")
    expect(lab.page.locator("body")).not_to_have_text(WIDGET_ERRORS)


def assert_every_widget_drawn(lab) -> None:
    """Every widget output of the notebook in front is drawn: none still loading, none failed."""
    lab.page.wait_for_function(
        """() => ![...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')]
                 .some(o => o.textContent.includes('Loading widget'))""", timeout=KERNEL_MS)
    expect(lab.notebook()).not_to_have_text(WIDGET_ERRORS)


def test_validate_button_shows_a_readable_result(student_lab):
    """Week 1: Sagar presses Validate in the notebook's toolbar before answering anything.
    A "Validation Results" dialog opens and says in words which cell failed; OK closes it."""
    lab = student_lab
    lab.open_notebook("week01/lesson-hello-python.ipynb")
    lab.notebook().locator(".jp-Toolbar").get_by_role("button", name="Validate").click()
    dialog = lab.page.locator(".jp-Dialog")
    expect(dialog.locator(".jp-Dialog-header")).to_have_text("Validation Results", timeout=KERNEL_MS)
    body = dialog.locator(".jp-Dialog-body")
    expect(body).to_contain_text(re.compile(r"The following cell failed|passed|failed", re.IGNORECASE))
    words = body.inner_text()
    plain = [line for line in words.splitlines()
             if line.strip() and not re.search(r"Traceback|^\s*[-]+>|^-{10,}|Cell In\[", line)]
    assert any(re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", line) for line in plain), words[:500]
    lab.shot("4-validate-dialog")
    dialog.get_by_role("button").filter(has_text=re.compile(r"^\s*OK\s*$", re.IGNORECASE)).click()
    expect(dialog).to_have_count(0)


def test_student_sees_no_instructor_menus(student_lab):
    """A student's JupyterLab: the notebook toolbar has nbgrader's Validate (nbgrader is
    there), but no menu, palette command or side panel offers Formgrader, Create Assignment,
    the Assignment List or the Course List, and no exchange error shows. (The instructor's
    test reads the same places and finds those entries, so these checks can see them.)"""
    lab = student_lab
    lab.open_notebook("week13/safety-safety-plans.ipynb")
    expect(lab.notebook().locator(".jp-Toolbar").get_by_role("button", name="Validate")).to_be_visible()

    entries = menu_entries(lab)
    assert {"File", "Kernel", "Run All Cells"} <= set(entries), entries
    assert not instructor_only(entries), entries
    lab.shot("5-student-menu-bar")

    commands = palette_commands(lab)
    assert len(commands) > 50 and "Run All Cells" in commands, commands
    assert not instructor_only(commands), instructor_only(commands)
    palette = lab.page.locator(".lm-CommandPalette")
    for search in ("formgrader", "create assignment", "assignment list", "course list"):
        palette.locator(".lm-CommandPalette-input").fill(search)
        expect(palette.locator(".lm-CommandPalette-emptyMessage")).to_contain_text(search)
    lab.shot("5-student-command-palette")
    lab.page.keyboard.press("Escape")

    titles = side_panel_titles(lab)
    assert not instructor_only(titles), titles
    expect(lab.page.locator("body")).not_to_have_text(INSTRUCTOR_ONLY)
    expect(lab.page.locator("body")).not_to_have_text(EXCHANGE_ERRORS)


def instructor_only(texts: list[str]) -> list[str]:
    return [text for text in texts if INSTRUCTOR_ONLY.search(text)]


def menu_entries(lab) -> list[str]:
    """The main menu bar's titles, and the entries of each menu, opened one by one."""
    top = [t.strip() for t in lab.page.locator(".lm-MenuBar-item").all_inner_texts()]
    entries = list(top)
    for label in top:
        lab.menu(label)
        menu = lab.page.locator(".lm-Menu").filter(visible=True).first
        menu.locator(".lm-Menu-item").first.wait_for()
        entries += [t.strip() for t in menu.locator(".lm-Menu-itemLabel").all_inner_texts()]
        lab.page.keyboard.press("Escape")
        expect(lab.page.locator(".lm-Menu").filter(visible=True)).to_have_count(0)
    return entries


def palette_commands(lab) -> list[str]:
    """Every command of the command palette (View > Activate Command Palette); it stays open."""
    lab.menu("View", "Activate Command Palette")
    palette = lab.page.locator(".lm-CommandPalette")
    palette.locator(".lm-CommandPalette-item").filter(visible=True).first.wait_for()
    return [t.strip() for t in palette.locator(".lm-CommandPalette-itemLabel, .lm-CommandPalette-header")
            .all_inner_texts()]


def side_panel_titles(lab) -> list[str]:
    """The tabs of the left and right side bars (file browser, table of contents, ...)."""
    return [f"{tab.get_attribute('title') or ''} {tab.inner_text()}".strip()
            for tab in lab.page.locator(".jp-SideBar .lm-TabBar-tab").all()]


def test_student_settings_reach_jupyterlab(student_server):
    """What the student settings files say is what JupyterLab serves: the nbgrader plugins
    switched off in the page config, formgrader's server part off (its address is not
    found), Validate's server part on, and the user settings (widgets saved in the
    notebook, no news fetching) read from JUPYTERLAB_SETTINGS_DIR."""
    import urllib.request

    request = urllib.request.Request(f"{student_server.url}/lab",
                                     headers={"Authorization": "token pathways-browser-test"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        html = answer.read().decode()
    page_config = json.loads(re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    disabled = set(page_config["disabledExtensions"])
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
            "@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:course-list",
            "@jupyter/nbgrader:menu"} <= disabled, disabled
    assert "@jupyter/nbgrader:validate-assignment" not in disabled

    assert student_server.status("/formgrader") == 404, "formgrader's server part runs in the student's JupyterLab"
    widgets = student_server.api("GET", "/lab/api/settings/@jupyter-widgets/jupyterlab-manager:plugin")
    assert widgets["settings"]["saveState"] is True, widgets
    news = student_server.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert news["settings"]["fetchNews"] == "false", news


def test_instructor_opens_formgrader(instructor_lab):
    """The instructor's laptop, nbgrader as installed: the menus, the command palette and
    the side bar offer what the student's do not (Formgrader, Create Assignment, the
    Assignment and Course Lists). Nbgrader > Formgrader opens on the course and lists week01
    under Manage Assignments."""
    lab = instructor_lab
    lab.open_lab()
    entries = menu_entries(lab)
    assert {"Nbgrader", "Formgrader", "Assignment List", "Course List"} <= set(entries), entries
    commands = palette_commands(lab)
    assert "Formgrader" in commands, instructor_only(commands)
    lab.page.keyboard.press("Escape")
    assert [t for t in side_panel_titles(lab) if re.search("Create Assignment", t, re.IGNORECASE)], \
        side_panel_titles(lab)

    lab.menu("Nbgrader", "Formgrader")
    formgrader = lab.page.frame_locator("iframe[src*='formgrader']")
    expect(formgrader.get_by_role("heading", name="Manage Assignments")).to_be_visible(timeout=KERNEL_MS)
    expect(formgrader.locator("td", has_text=re.compile(r"^\s*week01\s*$")).first).to_be_visible(
        timeout=KERNEL_MS)
    lab.shot("6-instructor-formgrader")
