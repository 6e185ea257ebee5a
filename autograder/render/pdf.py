"""Draw one certificate as a PDF, with names in any script the course meets.

fpdf2 shapes text with HarfBuzz and falls back from Noto Sans to Noto Sans Bengali and
Devanagari, so "মৌমিতা সাহা" and "पूजा कुमारी" render correctly. The fonts ship in
autograder/fonts (SIL OFL), so this works on a Pi with no fonts installed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from autograder import safe_files

FONTS = Path(__file__).parent / "fonts"
FAMILIES = {"Sans": "NotoSans", "Bengali": "NotoSansBengali", "Devanagari": "NotoSansDevanagari"}


@dataclass(frozen=True)
class CertificateText:
    certificate_id: str
    name: str
    course: str
    centre: str
    dates: str
    hours: int
    level: str  # "completion" or "distinction"
    issued_on: dt.date | None = None  # printed on the date line; blank to fill in by hand


def _pdf() -> FPDF:
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(False)
    for family, stem in FAMILIES.items():
        pdf.add_font(family, "", str(FONTS / f"{stem}-Regular.ttf"))
        pdf.add_font(family, "B", str(FONTS / f"{stem}-Bold.ttf"))
    pdf.set_fallback_fonts(["Bengali", "Devanagari"])
    pdf.set_text_shaping(True)
    return pdf


def _line(pdf: FPDF, text: str, size: int, *, bold: bool = False, gap: float = 4) -> None:
    pdf.set_font("Sans", "B" if bold else "", size)
    pdf.cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _signature_block(pdf: FPDF, text: CertificateText) -> None:
    """Two lines the centre completes by hand: a signature and the date (printed when known)."""
    y = 166
    pdf.set_draw_color(60, 60, 60)
    pdf.set_line_width(0.3)
    for x, label, value in ((40, f"Signature, for {text.centre}", ""),
                            (177, "Date", f"{text.issued_on:%d %B %Y}" if text.issued_on else "")):
        if value:
            pdf.set_font("Sans", "", 13)
            pdf.set_xy(x, y - 9)
            pdf.cell(80, 8, value, align="C")
        pdf.line(x, y, x + 80, y)
        pdf.set_font("Sans", "", 10)
        pdf.set_xy(x, y + 1.5)
        pdf.cell(80, 5, label, align="C")


def draw_certificate(text: CertificateText, path: Path) -> Path:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_draw_color(21, 101, 192)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, 277, 190)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, 269, 182)
    pdf.set_y(30)
    title = "Certificate of Completion" + (" with Distinction" if text.level == "distinction" else "")
    _line(pdf, title, 30, bold=True, gap=10)
    _line(pdf, "This certifies that", 14)
    _line(pdf, text.name, 32, bold=True, gap=8)
    _line(pdf, f"has completed the course {text.course}", 15)
    _line(pdf, f"at {text.centre}", 15)
    _line(pdf, f"{text.dates} · {text.hours} hours of learning", 13, gap=8)
    _line(pdf, "Python programming · Raspberry Pi electronics · staying safe online and at work", 11)
    _signature_block(pdf, text)
    pdf.set_text_color(85, 85, 85)
    pdf.set_y(182)
    _line(pdf, f"Certificate id {text.certificate_id} · the centre can confirm it in its register", 10)
    with safe_files.replacing(path) as partial:
        pdf.output(str(partial))
    return path
