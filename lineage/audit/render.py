"""An audit report as text, JSON, CSV, Markdown or one self-contained printable HTML page.

Every format shows the same thing, grouped by rule in the registry's order (errors first): each
finding's message, the nodes involved with their owners, and the suggested fix.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from html import escape

from lineage.audit.findings import AuditReport, Finding, FindingNode
from lineage.audit.rules import RULES, Rule, Severity


def render(report: AuditReport, fmt: str) -> str:
    return FORMATS[fmt](report)


def _groups(report: AuditReport) -> list[tuple[Rule, list[Finding]]]:
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    ordered = sorted((r for r in RULES if r.id in by_rule), key=lambda r: r.severity.rank)
    return [(rule, by_rule[rule.id]) for rule in ordered]


def _scope(report: AuditReport) -> str:
    parts = []
    for c in report.cascades:
        where = ", ".join(filter(None, [c.agency, c.region]))
        parts.append(f"{c.id}{f' ({where})' if where else ''}: {c.elements:,} elements, {c.indicators:,} indicators")
    return "; ".join(parts) or "no cascade is loaded"


def _tally(report: AuditReport) -> str:
    count = len(report.findings)
    by = ", ".join(
        f"{report.severities.get(s.value, 0)} {s.value}{'s' if report.severities.get(s.value, 0) != 1 else ''}"
        for s in Severity
    )
    return f"{count} finding{'s' if count != 1 else ''} ({by})"


def _owner(node: FindingNode) -> str:
    return f"{node.owner.name} [{node.owner.tier_label}]" if node.owner else "no owner"


def _level(node: FindingNode) -> str:
    level = node.kind.term if node.kind else "no element"
    return f"{level} IK" if node.type == "indicator" else level


# -- text ----------------------------------------------------------------------------------------


def to_text(report: AuditReport) -> str:
    lines = [f"Audit of {_scope(report)}", _tally(report)]
    for rule, findings in _groups(report):
        lines += ["", f"{rule.severity.value.upper()}  {rule.id}: {rule.title} ({len(findings)})"]
        for f in findings:
            lines.append(f"  - {f.message}")
            for node in f.nodes:
                lines.append(f"      {node.local_id}  [{_level(node)}]  owner: {_owner(node)}")
            lines.append(f"      fix: {f.fix}")
    return "\n".join(lines) + "\n"


# -- JSON and CSV --------------------------------------------------------------------------------


def to_json(report: AuditReport) -> str:
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


def to_csv(report: AuditReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in report.findings:
        writer.writerow(
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
                " | ".join(_level(n) for n in f.nodes),
                " | ".join(_owner(n) for n in f.nodes),
            ]
        )
    return out.getvalue()


# -- Markdown ------------------------------------------------------------------------------------


def to_markdown(report: AuditReport) -> str:
    lines = [f"# Audit of {_scope(report)}", "", _tally(report), ""]
    if report.findings:
        lines += ["| rule | severity | findings |", "| --- | --- | ---: |"]
        lines += [f"| `{rule.id}` {rule.title} | {rule.severity.value} | {len(fs)} |" for rule, fs in _groups(report)]
    for rule, findings in _groups(report):
        lines += [
            "",
            f"## {rule.title} (`{rule.id}`, {rule.severity.value}, {len(findings)})",
            "",
            rule.description,
            "",
        ]
        for f in findings:
            lines.append(f"- **{f.message}**")
            for node in f.nodes:
                lines.append(f"  - `{node.id}` {node.name} ({_level(node)}), owner: {_owner(node)}")
            lines.append(f"  - *Fix:* {f.fix}")
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


def to_html(report: AuditReport) -> str:
    title = "Audit of " + ", ".join(c.id for c in report.cascades) if report.cascades else "Audit"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(_scope(report))}</p>',
        f'<p class="meta">{escape(_tally(report))}; {"read from the file" if report.source == "file" else "read from Neo4j"}, '
        f"{report.generated_at:%Y-%m-%d %H:%M} UTC</p>",
    ]
    groups = _groups(report)
    if not groups:
        parts.append('<p class="none">No finding: every rule holds.</p>')
    else:
        parts.append("<table><tr><th>Rule</th><th>Severity</th><th>Findings</th></tr>")
        parts += [
            f'<tr><td><a href="#{rule.id}">{escape(rule.title)}</a> <code>{rule.id}</code></td>'
            f'<td><span class="sev {rule.severity.value}">{rule.severity.value}</span></td><td class="n">{len(fs)}</td></tr>'
            for rule, fs in groups
        ]
        parts.append("</table>")
    for rule, findings in groups:
        parts += [
            f'<section id="{rule.id}">',
            f'<h2><span class="sev {rule.severity.value}">{rule.severity.value}</span> {escape(rule.title)} '
            f"<code>{rule.id}</code> ({len(findings)})</h2>",
            f'<p class="desc">{escape(rule.description)}</p>',
        ]
        parts += [_html_finding(f) for f in findings]
        parts.append("</section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _html_finding(f: Finding) -> str:
    rows = "".join(
        f"<tr><td>{escape(n.name)}</td><td>{escape(_level(n))}</td><td><code>{escape(n.id)}</code></td>"
        f"<td>{escape(_owner(n))}</td></tr>"
        for n in f.nodes
    )
    return (
        f'<article class="{f.severity.value}" id="{escape(f.id)}"><p>{escape(f.message)}</p>'
        f"<table><tr><th>Name</th><th>Level</th><th>Id</th><th>Owner</th></tr>{rows}</table>"
        f'<p class="fix"><strong>Fix:</strong> {escape(f.fix)}</p></article>'
    )


FORMATS: dict[str, Callable[[AuditReport], str]] = {
    "text": to_text,
    "json": to_json,
    "csv": to_csv,
    "md": to_markdown,
    "html": to_html,
}
