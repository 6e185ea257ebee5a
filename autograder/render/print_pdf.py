"""HTML to a print-ready PDF through the system's Chromium (print-to-PDF), not hand-made layout.

Chromium shapes Bengali and Devanagari with the system's Noto fonts and keeps every word as
text in the PDF (a test reads it back with poppler's pdftotext). It runs headless, with no
network and a throw-away profile, so it works in a centre with no internet.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from autograder import safe_files
from autograder.errors import PathwaysError

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
QUIET = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer"]


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise PathwaysError("Printing needs Chromium, which is not installed; install it with "
                        "`sudo apt-get install chromium` (or run `python3 bootstrap.py demo` as root).")


def html_to_pdf(html: Path, pdf: Path) -> Path:
    """Print `html` (which sets its own @page size) to `pdf`; the PDF appears whole or not at all."""
    command = browser()
    with tempfile.TemporaryDirectory(prefix="pathways-print-") as profile, safe_files.replacing(pdf) as partial:
        done = subprocess.run([command, *QUIET, "--no-sandbox", f"--user-data-dir={profile}",
                               f"--print-to-pdf={partial}", html.resolve().as_uri()],
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not partial.exists() or partial.stat().st_size == 0:
            raise PathwaysError(f"Chromium could not print {html} to PDF "
                                f"({(done.stderr.strip().splitlines() or ['no message'])[-1][:200]}).")
    return pdf
