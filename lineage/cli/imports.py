"""`lineage import FILE`: planning data as it comes (cascade file, Renstra or matrix sheet, CSV
tables, SQL dump) into Neo4j, after reading all of it; nothing is loaded if any row is invalid."""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from lineage.cli.common import Failure, connected, eprint
from lineage.cli.load import ProgressPrinter
from lineage.importers import ImportIncomplete, ImportOptions, ImportRefused, ImportReport, import_source, load_imported
from lineage.loader import LoadInProgress


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser(
        "import",
        help="import a cascade file, a Renstra/matrix sheet (.xlsx/.csv), CSV tables (folder/.zip) or a SQL dump",
        description="Reads everything first; loads nothing if any row is invalid (unless --skip-invalid). "
        "Headers are matched against the usual Indonesian wordings; map others with --map.",
    )
    sub.add_argument("file", type=Path, help="the file, or a folder of CSV tables")
    sub.add_argument("--agency", help="the agency (OPD), when the file does not name it")
    sub.add_argument("--region", help="the region (Kota/Kabupaten), when the file does not name it")
    sub.add_argument("--period", help='the plan period, "2025-2029", when the file does not state it')
    sub.add_argument("--version", help="a label for this version (another label keeps the loaded version)")
    sub.add_argument("--id", dest="cascade_id", help="the cascade id (one agency only)")
    sub.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help='read a column whose header is HEADER as FIELD (e.g. "Nilai 2025=target:2025"); repeatable',
    )
    sub.add_argument("--mapping", type=Path, help="a YAML/JSON file of {header: field}")
    sub.add_argument("--skip-invalid", action="store_true", help="load the valid rows and report the invalid ones")
    sub.add_argument("--dry-run", action="store_true", help="read and report, load nothing")
    sub.add_argument("--json", action="store_true", help="print the import report as JSON")
    sub.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")
    sub.set_defaults(run=_import)


def _mapping(args: argparse.Namespace) -> dict[str, str]:
    mapping: dict[str, str] = {}
    if args.mapping:
        try:
            loaded = yaml.safe_load(args.mapping.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise Failure(f"{args.mapping}: cannot read the mapping ({exc})", 2) from None
        if not isinstance(loaded, dict):
            raise Failure(f"{args.mapping}: the mapping is a list of `header: field` lines", 2)
        mapping.update({str(k): str(v) for k, v in loaded.items()})
    for entry in args.map:
        header, sep, field = entry.rpartition("=")
        if not sep or not header.strip():
            raise Failure(f"--map {entry!r}: write it as HEADER=FIELD", 2)
        mapping[header.strip()] = field.strip()
    return mapping


def _import(args: argparse.Namespace) -> int:
    options = ImportOptions(
        cascade_id=args.cascade_id,
        agency=args.agency,
        region=args.region,
        period=args.period,
        version=args.version,
        mapping=_mapping(args),
        skip_invalid=args.skip_invalid,
    )
    progress = ProgressPrinter()
    try:
        imported = import_source(str(args.file), options=options, progress=progress)
    except ImportRefused as exc:
        _print(exc.report, args.json)
        raise Failure(f"{exc}\n{exc.report.hint or ''}".rstrip()) from None
    if not args.dry_run:
        with connected(args) as (driver, target):
            eprint(f"Loading {len(imported.cascades)} cascade(s) from {args.file} into {target.describe()} ...")
            try:
                load_imported(driver, imported, database=target.database, progress=progress)
            except ImportIncomplete as exc:
                _print(exc.report, args.json)
                raise Failure(str(exc)) from None
            except LoadInProgress as exc:
                raise Failure(f"{exc}; nothing was loaded") from None
    _print(imported.report, args.json)
    return 0


def _print(report: ImportReport, as_json: bool) -> None:
    if as_json:
        print(report.model_dump_json(indent=2))
        return
    print(f"{report.source} ({report.format}): {report.rows_read} rows read")
    for c in report.cascades:
        print(f"\n  {c.id}  {c.agency}, {c.region}, {c.period}" + (f", version {c.version}" if c.version else ""))
        for kind, n in c.counts.elements.items():
            print(f"    {kind.value:<14} {n:>5} elements  {c.counts.indicators.get(kind, 0):>5} indicators")
    for loaded in report.loaded:
        verb = "replaced" if loaded.replaced else "loaded"
        kept = f", kept version {loaded.kept_version or '(unlabelled)'}" if loaded.kept_version is not None else ""
        print(f"  {verb} {loaded.cascade}{kept}; {loaded.links_across} links to other cascades")
    if report.skipped:
        print(f"\n  {len(report.skipped)} row(s) left out:")
        for row in report.skipped:
            where = ", ".join(
                filter(None, [f"sheet {row.sheet}" if row.sheet else "", f"row {row.row}" if row.row else ""])
            )
            print(f"    {where}: " + "; ".join(row.reasons))
    if report.columns_not_read:
        print("\n  columns not read (map them with --map HEADER=FIELD or --map LETTER=FIELD):")
        for column in report.columns_not_read:
            header = f" ({column.header})" if column.header and column.header != column.column else ""
            print(f"    {column.sheet}: column {column.column}{header}: {column.reason}")
