"""An audit report as text, JSON, CSV, Markdown or one self-contained printable HTML page, in
Indonesian (the default) or English.

Every format shows the same thing, grouped by rule in the registry's order (errors first): each
finding's message, the nodes involved with their owners, and the suggested fix. The report's own
words (headings, tallies, column titles) are in `WORDS`; the rules' in the registry.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from html import escape

from lineage import safe_csv
from lineage.audit.findings import AuditReport, Finding, FindingNode
from lineage.audit.rules import RULES, Rule, Severity
from lineage.language import DEFAULT, Lang

#: The report's own words in each language.
WORDS: dict[Lang, dict[str, str]] = {
    Lang.id: {
        "audit_of": "Audit {what}",
        "audit": "Audit",
        "elements": "elemen",
        "indicators": "IK",
        "no_cascade": "tidak ada cascading yang dimuat",
        "finding": "temuan",
        "findings": "temuan",
        "error": "galat",
        "errors": "galat",
        "warning": "peringatan",
        "warnings": "peringatan",
        "no_owner": "tanpa penanggung jawab",
        "no_element": "tanpa elemen",
        "owner": "penanggung jawab",
        "fix": "perbaikan",
        "Fix": "Perbaikan",
        "rule": "aturan",
        "Rule": "Aturan",
        "severity": "tingkat",
        "Severity": "Tingkat",
        "Findings": "Temuan",
        "Name": "Nama",
        "Level": "Level",
        "Id": "Id",
        "Owner": "Penanggung jawab",
        "none": "Tidak ada temuan: semua aturan terpenuhi.",
        "from_file": "dibaca dari berkas",
        "from_database": "dibaca dari Neo4j",
    },
    Lang.en: {
        "audit_of": "Audit of {what}",
        "audit": "Audit",
        "elements": "elements",
        "indicators": "indicators",
        "no_cascade": "no cascade is loaded",
        "finding": "finding",
        "findings": "findings",
        "error": "error",
        "errors": "errors",
        "warning": "warning",
        "warnings": "warnings",
        "no_owner": "no owner",
        "no_element": "no element",
        "owner": "owner",
        "fix": "fix",
        "Fix": "Fix",
        "rule": "rule",
        "Rule": "Rule",
        "severity": "severity",
        "Severity": "Severity",
        "Findings": "Findings",
        "Name": "Name",
        "Level": "Level",
        "Id": "Id",
        "Owner": "Owner",
        "none": "No finding: every rule holds.",
        "from_file": "read from the file",
        "from_database": "read from Neo4j",
    },
}


def render(report: AuditReport, fmt: str, lang: Lang = DEFAULT) -> str:
    """The report in format `fmt` (a key of `FORMATS`), its findings and words in `lang`."""
    return FORMATS[fmt](report.in_language(lang), lang)


def groups(report: AuditReport) -> list[tuple[Rule, list[Finding]]]:
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    ordered = sorted((r for r in RULES if r.id in by_rule), key=lambda r: r.severity.rank)
    return [(rule, by_rule[rule.id]) for rule in ordered]


def scope(report: AuditReport, lang: Lang) -> str:
    words = WORDS[lang]
    parts = []
    for c in report.cascades:
        where = ", ".join(filter(None, [c.agency, c.region]))
        parts.append(
            f"{c.id}{f' ({where})' if where else ''}: {_number(c.elements, lang)} {words['elements']}, "
            f"{_number(c.indicators, lang)} {words['indicators']}"
        )
    return "; ".join(parts) or words["no_cascade"]


def _number(n: int, lang: Lang) -> str:
    """1,234 in English, 1.234 in Indonesian."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang is Lang.id else text


def tally(report: AuditReport, lang: Lang) -> str:
    words = WORDS[lang]
    count = len(report.findings)
    by = ", ".join(
        f"{report.severities.get(s.value, 0)} {words[s.value] if report.severities.get(s.value, 0) == 1 else words[s.value + 's']}"
        for s in Severity
    )
    return f"{count} {words['finding'] if count == 1 else words['findings']} ({by})"


def severity_word(severity: Severity, lang: Lang) -> str:
    return WORDS[lang][severity.value]


def owner_text(node: FindingNode, lang: Lang) -> str:
    return f"{node.owner.name} [{node.owner.tier_label}]" if node.owner else WORDS[lang]["no_owner"]


def level_text(node: FindingNode, lang: Lang) -> str:
    level = node.kind.term_in(lang) if node.kind else WORDS[lang]["no_element"]
    if node.type != "indicator":
        return level
    return f"IK {level}" if lang is Lang.id else f"{level} IK"


def title(report: AuditReport, lang: Lang) -> str:
    """ "Audit makassar-diskopukm" / "Audit of makassar-diskopukm": the report's heading."""
    words = WORDS[lang]
    return (
        words["audit_of"].format(what=", ".join(c.id for c in report.cascades)) if report.cascades else words["audit"]
    )


# -- text ----------------------------------------------------------------------------------------


def to_text(report: AuditReport, lang: Lang = DEFAULT) -> str:
    words = WORDS[lang]
    lines = [words["audit_of"].format(what=scope(report, lang)), tally(report, lang)]
    for rule, findings in groups(report):
        lines += [
            "",
            f"{severity_word(rule.severity, lang).upper()}  {rule.id}: {rule.words(lang).title} ({len(findings)})",
        ]
        for f in findings:
            lines.append(f"  - {f.message}")
            for node in f.nodes:
                lines.append(
                    f"      {node.local_id}  [{level_text(node, lang)}]  {words['owner']}: {owner_text(node, lang)}"
                )
            lines.append(f"      {words['fix']}: {f.fix}")
    return "\n".join(lines) + "\n"


# -- JSON and CSV --------------------------------------------------------------------------------


def to_json(report: AuditReport, lang: Lang = DEFAULT) -> str:
    return report.model_dump_json(indent=2) + "\n"


CSV_COLUMNS = [
    "id",
    "cascade",
    "rule",
    "severity",
    "category",
    "message",
    "fix",
    "score",
    "path",
    "node_ids",
    "node_names",
    "node_levels",
    "owners",
]


def csv_rows(findings: list[Finding], lang: Lang = DEFAULT) -> list[list[object]]:
    """One row per finding under `CSV_COLUMNS`: the audit's CSV, from the CLI and from the API."""
    rows: list[list[object]] = [list(CSV_COLUMNS)]
    for f in findings:
        rows.append(
            [
                f.id,
                f.cascade,
                f.rule,
                f.severity.value,
                f.category.value,
                f.message,
                f.fix,
                "" if f.score is None else f"{f.score:.3f}",
                " -> ".join(f.path or []),
                " | ".join(n.id for n in f.nodes),
                " | ".join(n.name for n in f.nodes),
                " | ".join(level_text(n, lang) for n in f.nodes),
                " | ".join(owner_text(n, lang) for n in f.nodes),
            ]
        )
    return rows


def to_csv(report: AuditReport, lang: Lang = DEFAULT) -> str:
    """Formula-safe (names come from planners' files: never formulas in a spreadsheet)."""
    out = io.StringIO()
    safe_csv.writer(out).writerows(csv_rows(report.findings, lang))
    return out.getvalue()


# -- Markdown ------------------------------------------------------------------------------------


def to_markdown(report: AuditReport, lang: Lang = DEFAULT) -> str:
    words = WORDS[lang]
    lines = [f"# {words['audit_of'].format(what=scope(report, lang))}", "", tally(report, lang), ""]
    if report.findings:
        lines += [f"| {words['rule']} | {words['severity']} | {words['findings']} |", "| --- | --- | ---: |"]
        lines += [
            f"| `{rule.id}` {rule.words(lang).title} | {severity_word(rule.severity, lang)} | {len(fs)} |"
            for rule, fs in groups(report)
        ]
    for rule, findings in groups(report):
        lines += [
            "",
            f"## {rule.words(lang).title} (`{rule.id}`, {severity_word(rule.severity, lang)}, {len(findings)})",
            "",
            rule.words(lang).description,
            "",
        ]
        for f in findings:
            lines.append(f"- **{f.message}**")
            for node in f.nodes:
                lines.append(
                    f"  - `{node.id}` {node.name} ({level_text(node, lang)}), {words['owner']}: {owner_text(node, lang)}"
                )
            lines.append(f"  - *{words['Fix']}:* {f.fix}")
    return "\n".join(lines) + "\n"


# -- HTML ----------------------------------------------------------------------------------------

_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 2rem auto;
       max-width: 62rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .25rem; }
.meta { color: #57606a; margin: 0; } code { font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; border-bottom: 1px solid #d0d7de; padding: .3rem .5rem; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; } td.n { text-align: right; }
.sev { display: inline-block; border-radius: 3px; padding: 0 .4rem; font-size: .8rem; font-weight: 600;
       text-transform: uppercase; color: #fff; }
.sev.error { background: #cf222e; } .sev.warning { background: #9a6700; }
.desc { color: #57606a; margin-top: 0; }
article { border: 1px solid #d0d7de; border-left: 4px solid #9a6700; border-radius: 4px; padding: .5rem .9rem;
          margin: .6rem 0; break-inside: avoid; }
article.error { border-left-color: #cf222e; }
article p { margin: .3rem 0; } .fix { background: #f6f8fa; padding: .3rem .5rem; border-radius: 3px; }
.none { color: #1a7f37; font-weight: 600; }
@media print { body { margin: 0; max-width: none; font-size: 11px; } a { color: inherit; text-decoration: none; }
               h2 { break-after: avoid; } }
@page { margin: 14mm; }
"""


def to_html(report: AuditReport, lang: Lang = DEFAULT) -> str:
    words = WORDS[lang]
    heading = title(report, lang)
    source = words["from_file"] if report.source == "file" else words["from_database"]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang.value}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(heading)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(heading)}</h1>",
        f'<p class="meta">{escape(scope(report, lang))}</p>',
        f'<p class="meta">{escape(tally(report, lang))}; {source}, {report.generated_at:%Y-%m-%d %H:%M} UTC</p>',
    ]
    by_rule = groups(report)
    if not by_rule:
        parts.append(f'<p class="none">{escape(words["none"])}</p>')
    else:
        parts.append(
            f"<table><tr><th>{words['Rule']}</th><th>{words['Severity']}</th><th>{words['Findings']}</th></tr>"
        )
        parts += [
            f'<tr><td><a href="#{rule.id}">{escape(rule.words(lang).title)}</a> <code>{rule.id}</code></td>'
            f'<td><span class="sev {rule.severity.value}">{severity_word(rule.severity, lang)}</span></td>'
            f'<td class="n">{len(fs)}</td></tr>'
            for rule, fs in by_rule
        ]
        parts.append("</table>")
    for rule, findings in by_rule:
        parts += [
            f'<section id="{rule.id}">',
            f'<h2><span class="sev {rule.severity.value}">{severity_word(rule.severity, lang)}</span> '
            f"{escape(rule.words(lang).title)} <code>{rule.id}</code> ({len(findings)})</h2>",
            f'<p class="desc">{escape(rule.words(lang).description)}</p>',
        ]
        parts += [_html_finding(f, lang) for f in findings]
        parts.append("</section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _html_finding(f: Finding, lang: Lang) -> str:
    words = WORDS[lang]
    rows = "".join(
        f"<tr><td>{escape(n.name)}</td><td>{escape(level_text(n, lang))}</td><td><code>{escape(n.id)}</code></td>"
        f"<td>{escape(owner_text(n, lang))}</td></tr>"
        for n in f.nodes
    )
    return (
        f'<article class="{f.severity.value}" id="{escape(f.id)}"><p>{escape(f.message)}</p>'
        f"<table><tr><th>{words['Name']}</th><th>{words['Level']}</th><th>{words['Id']}</th><th>{words['Owner']}</th></tr>{rows}</table>"
        f'<p class="fix"><strong>{words["Fix"]}:</strong> {escape(f.fix)}</p></article>'
    )


FORMATS: dict[str, Callable[[AuditReport, Lang], str]] = {
    "text": to_text,
    "json": to_json,
    "csv": to_csv,
    "md": to_markdown,
    "html": to_html,
}
