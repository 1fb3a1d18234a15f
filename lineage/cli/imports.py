"""`lineage import FILE`: planning data as it comes (cascade file, Renstra or matrix sheet, CSV
tables, SQL dump) into Neo4j, after reading all of it; nothing is loaded if any row is invalid."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lineage.cli.common import connected, eprint, safe
from lineage.cli.errors import DONE, USAGE, Failure
from lineage.cli.load import ProgressPrinter, print_plans, terminated_as_interrupt
from lineage.cli.options import instance_option, json_option

if TYPE_CHECKING:
    from lineage.cascade import Cascade
    from lineage.importers import ImportReport
    from lineage.plan import LoadPlan


@click.command("import")
@click.argument("file", type=click.Path(readable=True, path_type=Path))
@click.option("--agency", help="the agency (OPD), when the file does not name it")
@click.option("--region", help="the region (Kota/Kabupaten), when the file does not name it")
@click.option("--period", help='the plan period, "2025-2029", when the file does not state it')
@click.option("--version", help="a label for this version (another label keeps the loaded version)")
@click.option("--id", "cascade_id", metavar="CASCADE_ID", help="the cascade id (one agency only)")
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="HEADER=FIELD",
    help='read a column whose header is HEADER as FIELD (e.g. "Nilai 2025=target:2025"); repeatable',
)
@click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path), help="a YAML/JSON file of {header: field}")
@click.option("--skip-invalid", is_flag=True, help="load the valid rows and report the invalid ones")
@click.option(
    "--dry-run",
    is_flag=True,
    help="read and report, load nothing; with Neo4j reachable, also what each load would add, remove and change",
)
@click.option(
    "--yes",
    "-y",
    is_flag=True,
    help="load even a cascade that would lose more than LINEAGE_MAX_REMOVED_SHARE (20 %) of its indicators",
)
@json_option
@instance_option
def import_(
    file: Path,
    agency: str | None,
    region: str | None,
    period: str | None,
    version: str | None,
    cascade_id: str | None,
    maps: tuple[str, ...],
    mapping: Path | None,
    skip_invalid: bool,
    dry_run: bool,
    yes: bool,
    as_json: bool,
    instance: str | None,
) -> int:
    """Import planning data as it comes (sheets, CSV, SQL dumps).

    FILE is a cascade file, a Renstra or matrix sheet (.xlsx/.csv), CSV tables (a folder or a
    .zip) or a SQL dump.
    Reads everything first; loads nothing if any row is invalid (unless --skip-invalid). Headers
    are matched against the usual Indonesian wordings; map others with --map.
    """
    from lineage.changes import Actor, acting_as
    from lineage.importers import ImportIncomplete, ImportOptions, ImportRefused, import_source, load_imported
    from lineage.loader import LoadInProgress, refuse_shrinking
    from lineage.settings import get_settings

    options = ImportOptions(
        cascade_id=cascade_id,
        agency=agency,
        region=region,
        period=period,
        version=version,
        mapping=_mapping(mapping, maps),
        skip_invalid=skip_invalid,
    )
    progress = ProgressPrinter()
    try:
        imported = import_source(str(file), options=options, progress=progress)
    except ImportRefused as exc:
        _print(exc.report, as_json)
        raise Failure(f"{exc}\nFix these rows (or pass --skip-invalid to load the others).") from None
    if dry_run:
        plans = _plans(imported.cascades, instance)
        if as_json:  # one document: the report and the plans (null when Neo4j was not reached)
            report = imported.report.model_dump(mode="json")
            body = {"report": report, "plans": None if plans is None else [p.model_dump(mode="json") for p in plans]}
            click.echo(json.dumps(body, indent=2, ensure_ascii=False))
            return DONE
        _print(imported.report, as_json)
        if plans is not None:
            print_plans(plans, as_json)
        return DONE
    with connected(instance) as (driver, target):
        if not yes:  # every cascade checked before any is loaded
            for cascade in imported.cascades:
                refuse_shrinking(driver, cascade, get_settings().max_removed_share, target.database)
        eprint(f"Loading {len(imported.cascades)} cascade(s) from {file} into {target.describe()} ...")
        try:
            with acting_as(Actor.os_user("cli"), "import"), terminated_as_interrupt():
                load_imported(driver, imported, database=target.database, progress=progress, force=yes)
        except ImportIncomplete as exc:
            _print(exc.report, as_json)
            raise Failure(str(exc)) from None
        except LoadInProgress as exc:
            raise Failure(f"{exc}; nothing was loaded") from None
    _print(imported.report, as_json)
    return DONE


def _plans(cascades: list[Cascade], instance: str | None) -> list[LoadPlan] | None:
    """What loading would change, when a Neo4j answers; without one the dry run stays offline."""
    from lineage.plan import plan_load

    try:
        with connected(instance) as (driver, target):
            return [plan_load(driver, cascade, database=target.database) for cascade in cascades]
    except Failure as exc:
        eprint(f"(not compared with the loaded versions: {exc})")
        return None


def _mapping(path: Path | None, entries: tuple[str, ...]) -> dict[str, str]:
    import yaml

    mapping: dict[str, str] = {}
    if path:
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise Failure(f"{path}: cannot read the mapping ({exc})", USAGE) from None
        if not isinstance(loaded, dict):
            raise Failure(f"{path}: the mapping is a list of `header: field` lines", USAGE)
        mapping.update({str(k): str(v) for k, v in loaded.items()})
    for entry in entries:
        header, sep, field = entry.rpartition("=")
        if not sep or not header.strip():
            raise Failure(f"--map {entry!r}: write it as HEADER=FIELD", USAGE)
        mapping[header.strip()] = field.strip()
    return mapping


def _print(report: ImportReport, as_json: bool) -> None:
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    click.echo(f"{safe(report.source)} ({report.format}): {report.rows_read} rows read")
    for c in report.cascades:
        click.echo(
            f"\n  {safe(c.id)}  {safe(c.agency)}, {safe(c.region)}, {safe(c.period)}"
            + (f", version {safe(c.version)}" if c.version else "")
        )
        for kind, n in c.counts.elements.items():
            click.echo(f"    {kind.value:<14} {n:>5} elements  {c.counts.indicators.get(kind, 0):>5} indicators")
    for loaded in report.loaded:
        verb = "replaced" if loaded["replaced"] else "loaded"
        kept = (
            f", kept version {safe(loaded['kept_version']) or '(unlabelled)'}"
            if loaded["kept_version"] is not None
            else ""
        )
        click.echo(f"  {verb} {safe(loaded['cascade'])}{kept}; {loaded['links_across']} links to other cascades")
    if report.skipped:
        click.echo(f"\n  {len(report.skipped)} row(s) left out:")
        for row in report.skipped:
            where = ", ".join(
                filter(None, [f"sheet {safe(row.sheet)}" if row.sheet else "", f"row {row.row}" if row.row else ""])
            )
            click.echo(f"    {where}: " + "; ".join(safe(r) for r in row.reasons))
    if report.unknown_columns:
        click.echo("\n  columns not read (no known header; map them with --map HEADER=FIELD):")
        for column in report.unknown_columns:
            click.echo(f"    {safe(column)}")
