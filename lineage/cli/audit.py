"""`lineage audit [FILE]`: what an evaluator would find in a cascade, before the evaluator does.

With FILE the file alone is checked, in memory (no database): a planner checks a draft before
loading it. Without it, the cascades loaded in Neo4j are audited as their active loads say.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lineage.audit.database import UnknownCascade, audit_database
from lineage.audit.findings import AuditReport
from lineage.audit.offline import audit_file
from lineage.audit.render import FORMATS, render
from lineage.audit.rules import RULE_IDS, Severity
from lineage.audit.service import select
from lineage.audit.similarity import LOWEST_SCORE
from lineage.cascade import CascadeFileError
from lineage.cli.common import Failure, connected, eprint


def register(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser(
        "audit",
        help="find orphans, level errors, cycles, owner and code problems, duplicates (a file offline, or the database)",
        description="Audit a cascade file offline (FILE), or the cascades loaded in Neo4j (no FILE). "
        "Rules and their fixes: docs/audit.md.",
    )
    audit.add_argument("file", nargs="?", type=Path, help="a cascade file to check without the database")
    audit.add_argument("--cascade", help="database: only this cascade id")
    audit.add_argument("--format", choices=list(FORMATS), default="text", help="output format (default text)")
    audit.add_argument("--output", "-o", type=Path, help="write the report to this file instead of standard output")
    audit.add_argument("--rule", action="append", choices=RULE_IDS, metavar="RULE", help="only this rule (repeatable)")
    audit.add_argument(
        "--severity", action="append", choices=[s.value for s in Severity], help="only this severity (repeatable)"
    )
    audit.add_argument(
        "--min-score",
        type=_score,
        default=LOWEST_SCORE,
        help=f"only duplicates at least this alike, {LOWEST_SCORE}-1 (1: the same words; lower: mistyped words)",
    )
    audit.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        help="exit with status 1 when a finding of this severity or worse is reported",
    )
    audit.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")
    audit.set_defaults(run=_audit)


def _score(text: str) -> float:
    value = float(text)
    if not LOWEST_SCORE <= value <= 1:
        raise argparse.ArgumentTypeError(f"give a score between {LOWEST_SCORE} and 1")
    return value


def _audit(args: argparse.Namespace) -> int:
    report = _offline(args) if args.file else _database(args)
    report = report.model_copy(
        update={
            "findings": select(
                report.findings,
                rules=args.rule,
                severities=[Severity(s) for s in args.severity or []],
                min_score=args.min_score,
            ),
        }
    )
    text = render(report, args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        eprint(f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''} written to {args.output}")
    else:
        sys.stdout.write(text)
    if args.fail_on:
        worst = Severity(args.fail_on).rank
        return 1 if any(f.severity.rank <= worst for f in report.findings) else 0
    return 0


def _offline(args: argparse.Namespace) -> AuditReport:
    if args.cascade:
        raise Failure("--cascade chooses among loaded cascades; with FILE the file's own cascade is audited", 2)
    try:
        return audit_file(args.file)
    except CascadeFileError as exc:
        raise Failure(f"{exc}\nNothing was audited.") from None


def _database(args: argparse.Namespace) -> AuditReport:
    with connected(args) as (driver, target):
        eprint(
            f"Auditing {'cascade ' + repr(args.cascade) if args.cascade else 'every loaded cascade'} "
            f"in {target.describe()} ..."
        )
        try:
            return audit_database(
                driver,
                cascade=args.cascade,
                database=target.database,
                progress=lambda message: eprint(f"  {message}"),
            )
        except UnknownCascade as exc:
            raise Failure(str(exc)) from None
