"""The audit report as a PDF an evaluator prints: A4 landscape, a header on every page (agency,
region, period, version, date), a legend of the severities, then the findings grouped by rule as
the other report formats group them (lineage/audit/formats.py), in Indonesian or English.

Why fpdf2: pure Python from PyPI, no browser or network at run time, and it embeds the DejaVu
fonts Debian installs (fonts-dejavu-core), which hold every character of Indonesian names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from lineage.audit.findings import AuditReport
from lineage.audit.formats import WORDS, groups, level_text, owner_text, scope, severity_word, tally, title
from lineage.audit.rules import Severity
from lineage.language import DEFAULT, Lang

FONTS = Path("/usr/share/fonts/truetype/dejavu")
SEVERITY_COLOUR = {Severity.error: (201, 42, 42), Severity.warning: (230, 119, 0)}
HEADER = {
    Lang.id: {"period": "Periode", "version": "Versi", "printed": "Dicetak", "page": "Halaman", "legend": "Tingkat"},
    Lang.en: {"period": "Period", "version": "Version", "printed": "Printed", "page": "Page", "legend": "Severity"},
}


class FontsMissing(RuntimeError):
    """The DejaVu fonts are not installed."""


@dataclass(frozen=True)
class Heading:
    """What the header of each page says besides the report's title."""

    agency: str = ""
    region: str = ""
    period: str = ""
    version: str | None = None
    printed: str = ""


class _Report(FPDF):
    def __init__(self, heading: Heading, report_title: str, lang: Lang) -> None:
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self.heading, self.report_title, self.language = heading, report_title, lang
        for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf")):
            if not (FONTS / file).is_file():
                raise FontsMissing(f"{FONTS / file} is missing; `bash scripts/setup` installs fonts-dejavu-core")
            self.add_font("DejaVu", style, str(FONTS / file))
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(True, margin=14)

    def header(self) -> None:
        words = HEADER[self.language]
        h = self.heading
        self.set_font("DejaVu", "B", 12)
        self.cell(0, 6, self.report_title, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_font("DejaVu", "", 8.5)
        self.set_text_color(91, 101, 117)
        line = " · ".join(
            filter(
                None,
                [
                    h.agency,
                    h.region,
                    f"{words['period']} {h.period}" if h.period else None,
                    f"{words['version']} {h.version}" if h.version else None,
                    f"{words['printed']} {h.printed}" if h.printed else None,
                    f"{words['page']} {self.page_no()}/{{nb}}",
                ],
            )
        )
        self.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(0, 0, 0)
        self.set_draw_color(201, 208, 219)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(4)


def audit_pdf(report: AuditReport, heading: Heading, lang: Lang = DEFAULT) -> bytes:
    """The report (its findings already chosen) as PDF bytes."""
    report = report.in_language(lang)
    words = WORDS[lang]
    pdf = _Report(heading, title(report, lang), lang)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, scope(report, lang), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("DejaVu", "B", 10)
    pdf.multi_cell(0, 6, tally(report, lang), new_x="LMARGIN", new_y="NEXT", align="L")
    _legend(pdf, lang)
    by_rule = groups(report)
    if not by_rule:
        pdf.set_font("DejaVu", "B", 10)
        pdf.set_text_color(26, 127, 55)
        pdf.multi_cell(0, 6, words["none"], new_x="LMARGIN", new_y="NEXT", align="L")
    for rule, findings in by_rule:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11)
        pdf.set_text_color(*SEVERITY_COLOUR[rule.severity])
        pdf.multi_cell(
            0,
            6,
            f"{severity_word(rule.severity, lang).upper()} · {rule.words(lang).title} ({rule.id}, {len(findings)})",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_text_color(91, 101, 117)
        pdf.set_font("DejaVu", "I", 8.5)
        pdf.multi_cell(0, 4.5, rule.words(lang).description, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_text_color(0, 0, 0)
        for finding in findings:
            pdf.ln(1.5)
            pdf.set_font("DejaVu", "B", 9)
            pdf.multi_cell(0, 5, f"• {finding.message}", new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.set_font("DejaVu", "", 8.5)
            for node in finding.nodes:
                pdf.set_x(pdf.l_margin + 6)
                pdf.multi_cell(
                    0,
                    4.5,
                    f"{node.local_id} [{level_text(node, lang)}] — {words['owner']}: {owner_text(node, lang)}",
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
            pdf.set_x(pdf.l_margin + 6)
            pdf.set_font("DejaVu", "I", 8.5)
            pdf.multi_cell(0, 4.5, f"{words['Fix']}: {finding.fix}", new_x="LMARGIN", new_y="NEXT", align="L")
    return bytes(pdf.output())


def _legend(pdf: FPDF, lang: Lang) -> None:
    pdf.set_font("DejaVu", "", 8)
    pdf.cell(18, 5, HEADER[lang]["legend"] + ":")
    for severity, colour in SEVERITY_COLOUR.items():
        pdf.set_fill_color(*colour)
        pdf.set_text_color(255, 255, 255)
        pdf.cell(24, 5, severity_word(severity, lang), fill=True, align="C")
        pdf.cell(2, 5, "")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(7)
