"""`lineage audit [FILE]`: what an evaluator would find in a cascade, before the evaluator does.

With FILE the file alone is checked, in memory (no database): a planner checks a draft before
loading it. Without it, the cascades loaded in Neo4j are audited as their active loads say.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lineage.cli.common import ProgressPrinter, connected, eprint, write_atomically
from lineage.cli.errors import DONE, REFUSED, USAGE, Failure
from lineage.cli.imports import SOURCE, import_options, refusal, source_options
from lineage.cli.options import LazyChoice, instance_option

if TYPE_CHECKING:
    from lineage.audit.findings import AuditReport
    from lineage.importers import ImportOptions


def _formats() -> list[str]:
    from lineage.audit.formats import FORMATS

    return list(FORMATS)


def _rules() -> list[str]:
    from lineage.audit.rules import RULE_IDS

    return list(RULE_IDS)


def _severities() -> list[str]:
    from lineage.audit.rules import Severity

    return [s.value for s in Severity]


SEVERITY = LazyChoice(_severities)


@click.command()
@click.argument("file", required=False, type=SOURCE)
@source_options
@click.option("--cascade", metavar="CASCADE_ID", help="database: only this cascade")
@click.option("--format", "fmt", type=LazyChoice(_formats), help="output format (default text)")
@click.option("--json", "as_json", is_flag=True, help="the same as --format json")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="write the report to this file")
@click.option("--rule", "rules", multiple=True, type=LazyChoice(_rules), help="only this rule (repeatable)")
@click.option("--severity", "severities", multiple=True, type=SEVERITY, help="only this severity (repeatable)")
@click.option(
    "--min-score",
    type=float,
    help="only duplicates at least this alike, up to 1 (1: the same words; lower: mistyped words)",
)
@click.option(
    "--fail-on", type=SEVERITY, help="exit with status 1 when a finding of this severity or worse is reported"
)
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="language of the messages, fixes and headings (names from the cascade stay as written)",
)
@instance_option
def audit(
    file: Path | None,
    agency: str | None,
    region: str | None,
    period: str | None,
    cascade_id: str | None,
    maps: tuple[str, ...],
    mapping: Path | None,
    cascade: str | None,
    fmt: str | None,
    as_json: bool,
    output: Path | None,
    rules: tuple[str, ...],
    severities: tuple[str, ...],
    min_score: float | None,
    fail_on: str | None,
    lang: str,
    instance: str | None,
) -> int:
    """Audit a cascade as an evaluator would (file or database).

    Finds orphans, level errors, cycles, owner and code problems, and duplicates.
    Audit FILE offline: a cascade file, or anything `lineage import` reads (with the same
    options), as it would be once loaded. Without FILE, audit the cascades loaded in Neo4j.
    Formats: text, json, csv, md, html; in Indonesian (--lang id, the default) or English
    (--lang en). Rules and their fixes: docs/audit.md.
    """
    from lineage.audit.formats import render
    from lineage.audit.rules import Severity
    from lineage.audit.service import select
    from lineage.audit.similarity import LOWEST_SCORE
    from lineage.language import Lang

    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json asks for JSON; it cannot be combined with --format {fmt}")
    if min_score is not None and not LOWEST_SCORE <= min_score <= 1:
        raise click.BadParameter(f"give a score between {LOWEST_SCORE} and 1", param_hint="--min-score")
    if file:
        options = import_options(agency, region, period, cascade_id, maps, mapping)
        report = _offline(file, cascade, options)
    else:
        report = _database(cascade, instance)
    report = report.model_copy(
        update={
            "findings": select(
                report.findings,
                rules=list(rules) or None,
                severities=[Severity(s) for s in severities],
                min_score=LOWEST_SCORE if min_score is None else min_score,
            ),
        }
    )
    text = render(report, "json" if as_json else fmt or "text", Lang(lang))
    if output:
        write_atomically(output, text.encode("utf-8"))
        eprint(f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''} written to {output}")
    else:
        sys.stdout.write(text)
    if fail_on:
        worst = Severity(fail_on).rank
        return REFUSED if any(f.severity.rank <= worst for f in report.findings) else DONE
    return DONE


def _offline(file: Path, cascade: str | None, options: ImportOptions) -> AuditReport:
    from lineage.importers import ImportRefused
    from lineage.importers.check import audit_source

    if cascade:
        raise Failure("--cascade chooses among loaded cascades; with FILE the file's own cascades are audited", USAGE)
    try:
        return audit_source(str(file), options=options)
    except ImportRefused as exc:
        raise refusal(exc, "Nothing was audited.") from None


def _database(cascade: str | None, instance: str | None) -> AuditReport:
    from lineage.audit.database import UnknownCascade, audit_database

    with connected(instance) as (driver, target):
        eprint(
            f"Auditing {'cascade ' + repr(cascade) if cascade else 'every loaded cascade'} in {target.describe()} ..."
        )
        try:
            return audit_database(
                driver,
                cascade=cascade,
                database=target.database,
                progress=ProgressPrinter(indent="  "),
            )
        except UnknownCascade as exc:
            raise Failure(str(exc)) from None
