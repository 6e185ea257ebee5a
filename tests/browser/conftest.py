"""The student's JupyterLab in a real browser: servers, Chromium, and a page helper.

Two JupyterLab servers, each in its own temporary HOME, started once per test session:
- the student's: `write_student_setup` (what install.sh writes on a Pi) and the released
  weeks copied into ~/pathways, as a student unzips them;
- the instructor's: plain nbgrader extensions, in a copy of a tiny course.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright, with every background
connection off: the machines have no internet. Screenshots go to test-artifacts/browser/
(or $PATHWAYS_ARTIFACTS).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from autograder.classroom.student_lab import write_student_setup

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "pathways-browser-test"
STUDENT_WEEKS = ("week01", "week10", "week13")
SERVER_START_SECONDS = 180
KERNEL_SECONDS = 120     # a kernel's work (start, run all, nbgrader validate) on a busy 2-core machine
UI_SECONDS = 60          # anything the page alone does


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, in one line (None: they can)."""
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed in this Python (pip install playwright)"
    return None


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("PATHWAYS_ARTIFACTS") or REPO / "test-artifacts" / "browser")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --------------------------------------------------------------------------- servers

@dataclass
class LabServer:
    url: str
    root: Path            # the server's root_dir (the student's ~/pathways, or the course)
    home: Path
    log: Path
    process: subprocess.Popen

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {TOKEN}"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def status(self, path: str) -> int:
        """The HTTP status of GET `path` (no redirects followed)."""
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        opener = urllib.request.build_opener(NoRedirect)
        request = urllib.request.Request(f"{self.url}{path}", headers={"Authorization": f"token {TOKEN}"})
        try:
            with opener.open(request, timeout=30) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    def shut_down_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions") or []:  # type: ignore[union-attr]
            self.api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self.api("GET", "/api/kernels") or []:  # type: ignore[union-attr]
            self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _lab_environment(home: Path, config_dir: Path, settings_dir: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("JUPYTER", "JPY_", "IPYTHON"))}
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(config_dir),
               JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
               # PATH as a launcher has it, without the venv: nbgrader_config.py finds alembic
               PATH=os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                    if Path(p) != Path(sys.executable).parent),
               GPIOZERO_PIN_FACTORY="mock",   # the simulated board even on a Pi
               PYTHONUNBUFFERED="1")
    return env


def _start_lab(home: Path, root: Path, config_dir: Path, settings_dir: Path) -> LabServer:
    port = _free_port()
    log = home.parent / "jupyterlab.log"
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}",
               f"--ServerApp.root_dir={root}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root; a student never does
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=root, env=_lab_environment(home, config_dir, settings_dir),
                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    server = LabServer(f"http://127.0.0.1:{port}", root, home, log, process)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"jupyter lab stopped at start (exit {process.returncode}):\n{server.log_tail()}")
        try:
            server.api("GET", "/api/status")
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
            if time.monotonic() > deadline:
                _stop_lab(server)
                pytest.fail(f"jupyter lab did not answer in {SERVER_START_SECONDS} s:\n{server.log_tail()}")
            time.sleep(0.5)


def _stop_lab(server: LabServer) -> None:
    try:
        server.shut_down_kernels()   # kernels run in their own sessions: the group kill misses them
    except Exception:
        pass
    try:
        pgid = os.getpgid(server.process.pid)
    except ProcessLookupError:
        return
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        try:
            server.process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _homes(tmp: Path) -> tuple[Path, Path, Path]:
    home = tmp / "home"
    config_dir = home / ".jupyter"
    settings_dir = config_dir / "lab" / "user-settings"
    settings_dir.mkdir(parents=True)
    return home, config_dir, settings_dir


@pytest.fixture(scope="session")
def student_server(tmp_path_factory) -> Iterator[LabServer]:
    """A student's Pi: the student settings, and weeks 1, 10 and 13 unzipped into ~/pathways."""
    home, config_dir, settings_dir = _homes(tmp_path_factory.mktemp("student"))
    write_student_setup(config_dir, settings_dir)
    work = home / "pathways"
    for week in STUDENT_WEEKS:
        shutil.copytree(REPO / "course" / "release" / week, work / week)
    server = _start_lab(home, work, config_dir, settings_dir)
    yield server
    _stop_lab(server)


@pytest.fixture(scope="session")
def instructor_server(tmp_path_factory) -> Iterator[LabServer]:
    """An instructor's laptop: nbgrader as installed (no student settings), in a tiny course."""
    home, config_dir, settings_dir = _homes(tmp_path_factory.mktemp("instructor"))
    course = home / "pathways-course"
    (course / "course").mkdir(parents=True)
    shutil.copy2(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copy2(REPO / "course" / "syllabus.toml", course / "course" / "syllabus.toml")
    for kind in ("source", "release"):
        shutil.copytree(REPO / "course" / kind / "week01", course / "course" / kind / "week01")
    server = _start_lab(home, course, config_dir, settings_dir)
    yield server
    _stop_lab(server)


# --------------------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            headless=True, args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 900})
        context.set_default_timeout(UI_SECONDS * 1000)
        yield context
        context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


class LabPage:
    """JupyterLab as the student sees it: a page, and the few things a student does on it."""

    def __init__(self, page, server: LabServer, workspace: str, shots: Path) -> None:
        self.page = page
        self.server = server
        self.workspace = workspace
        self.shots = shots
        self.outside_requests: list[str] = []
        page.on("request", self._note_request)

    def _note_request(self, request) -> None:
        if not request.url.startswith((self.server.url, "data:", "blob:", "about:")):
            self.outside_requests.append(request.url)

    # -- the page
    def open_lab(self) -> None:
        """JupyterLab's start page, in this test's own workspace (reset: nothing left open)."""
        self.page.goto(f"{self.server.url}/lab/workspaces/{self.workspace}?reset&token={TOKEN}")
        self.page.locator(".jp-DirListing-item").first.wait_for()

    def open_notebook(self, path: str):
        """Open a notebook by its address, as a bookmark would; wait for its kernel."""
        self.page.goto(f"{self.server.url}/lab/workspaces/{self.workspace}/tree/{path}?reset&token={TOKEN}")
        return self.wait_for_notebook(path)

    def open_from_file_browser(self, path: str):
        """Open a notebook the way a student does: double-click its folders, then the file."""
        browser = self.page.locator(".jp-FileBrowser")
        home = browser.locator(".jp-BreadCrumbs-home")
        self.page.locator(".jp-SideBar .lm-TabBar-tab[data-id='filebrowser']").wait_for()
        if not home.is_visible():   # the left side bar is folded away: open the file browser
            self.page.locator(".jp-SideBar .lm-TabBar-tab[data-id='filebrowser']").click()
        home.click()
        crumbs = browser.locator(".jp-BreadCrumbs")
        *folders, name = path.split("/")
        for depth, part in enumerate([*folders, name]):
            browser.locator(".jp-DirListing-item").filter(
                has=self.page.locator(".jp-DirListing-itemText", has_text=re.compile(f"^{re.escape(part)}$"))
            ).dblclick()
            if depth < len(folders):   # into the folder before looking for the next name
                self.page.wait_for_function(
                    """([crumbs, folder]) => crumbs.textContent.replace(/\\s/g, '').endsWith(folder + '/')""",
                    arg=[crumbs.element_handle(), "/".join(folders[:depth + 1])])
        return self.wait_for_notebook(path)

    def reload(self, *reopened: str) -> None:
        """Reload the page; wait until JupyterLab has put back the notebooks `reopened`
        (their tabs, and the kernel of the one in front)."""
        self.page.reload()
        self.page.locator(".jp-DirListing-item").first.wait_for()
        for name in reopened:
            self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=name).first.wait_for()
        if reopened:
            self.wait_for_idle_kernel()

    def wait_for_notebook(self, path: str):
        name = path.rsplit("/", 1)[-1]
        tab = self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=name)
        tab.first.wait_for()
        panel = self.notebook()
        panel.locator(".jp-Cell").first.wait_for()
        self.wait_for_idle_kernel()
        return panel

    def notebook(self):
        """The notebook in front."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")

    def wait_for_idle_kernel(self, seconds: int = KERNEL_SECONDS) -> None:
        self.page.locator("#jp-main-statusbar").get_by_text("Python 3 (ipykernel) | Idle").wait_for(
            timeout=seconds * 1000)

    def menu(self, *labels: str) -> None:
        """Click through the main menu, e.g. menu("Run", "Run All Cells")."""
        exactly = [re.compile(f"^\\s*{re.escape(label)}\\s*$") for label in labels]
        self.page.locator(".lm-MenuBar-item").filter(
            has=self.page.locator(".lm-MenuBar-itemLabel", has_text=exactly[0])).click()
        for label in exactly[1:]:
            self.page.locator(".lm-Menu-item").filter(visible=True).filter(
                has=self.page.locator(".lm-Menu-itemLabel", has_text=label)).click()

    def run_all_and_wait(self, stops_at: str) -> None:
        """Run > Run All Cells; the release's first unanswered exercise stops the run, with
        NotImplementedError under the cell that says `stops_at`."""
        self.menu("Run", "Run All Cells")
        stop = self.cell(stops_at)
        stop.locator(".jp-OutputArea-output", has_text="NotImplementedError").wait_for(
            timeout=KERNEL_SECONDS * 1000)
        self.wait_until_no_cell_runs()

    def wait_until_no_cell_runs(self) -> None:
        self.page.wait_for_function(
            """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt')]
                     .every(prompt => !prompt.textContent.includes('*'))""",
            timeout=KERNEL_SECONDS * 1000)
        self.wait_for_idle_kernel()

    def cell(self, text: str):
        """The code cell whose code holds `text`."""
        return self.notebook().locator(".jp-CodeCell").filter(
            has=self.page.locator(".jp-InputArea", has_text=text))

    def run_cell(self, text: str):
        """Click into a cell and press Shift+Enter, as a student runs one cell."""
        cell = self.cell(text)
        cell.scroll_into_view_if_needed()
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Shift+Enter")
        return cell

    def save(self) -> None:
        """Ctrl+S, then wait until the tab no longer shows unsaved changes."""
        self.notebook().locator(".jp-Notebook").click(position={"x": 5, "y": 5})
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("Control+s")
        self.page.wait_for_function(
            """() => { const tab = document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current');
                       return tab && !tab.classList.contains('jp-mod-dirty'); }""")

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def text(self) -> str:
        return self.page.locator("body").inner_text()


def _lab_page(request, browser_context, server: LabServer) -> Iterator[LabPage]:
    page = browser_context.new_page()
    lab = LabPage(page, server, request.node.name.replace("_", "-").lower()[:60], artifacts_dir())
    yield lab
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        try:
            lab.shot(f"FAILED-{request.node.name}")
        except Exception:
            pass
        print(f"jupyter lab log ({server.log}):\n{server.log_tail()}")
    page.close()
    server.shut_down_kernels()   # the next test starts from fresh kernels
    assert not lab.outside_requests, f"the page tried to reach outside this machine: {lab.outside_requests}"


@pytest.fixture
def student_lab(request, browser_context, student_server) -> Iterator[LabPage]:
    yield from _lab_page(request, browser_context, student_server)


@pytest.fixture
def instructor_lab(request, browser_context, instructor_server) -> Iterator[LabPage]:
    yield from _lab_page(request, browser_context, instructor_server)


def pytest_collection_modifyitems(config, items) -> None:
    """Without Chromium or Playwright, the browser tests skip with one line saying which."""
    reason = browser_missing()
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.slow)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))
