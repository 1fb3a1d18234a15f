"""`lineage import FILE`: planning data as it comes (cascade file, Renstra, matrix or block sheet,
CSV tables, SQL dump, SIPD lists) into Neo4j, after reading all of it; nothing is loaded if any row
is invalid. `lineage convert FILE`: the same import written as cascade files. The options that
tell an import what its source does not say (`source_options`) serve `validate` and `audit` too."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from lineage.cli.common import connected, eprint, safe, write_atomically
from lineage.cli.errors import DONE, USAGE, Failure
from lineage.cli.options import instance_option, json_option

if TYPE_CHECKING:
    from lineage.cascade import Cascade
    from lineage.importers import ImportOptions, ImportRefused, ImportReport
    from lineage.plan import LoadPlan

F = TypeVar("F", bound=Callable[..., Any])
#: Anything `lineage import` reads: a file, or a folder of CSV tables or SIPD lists.
SOURCE = click.Path(readable=True, path_type=Path)
#: The options a source may need, as `source_options` adds them (in this order, first on top).
_SOURCE_OPTIONS = [
    click.option("--agency", help="the agency (OPD), when the source does not name it"),
    click.option("--region", help="the region (Kota/Kabupaten/Provinsi), when the source does not name it"),
    click.option("--period", help='the plan period, "2025-2029", when the source does not state it'),
    click.option("--id", "cascade_id", metavar="CASCADE_ID", help="the cascade id (one agency only)"),
    click.option(
        "--map",
        "maps",
        multiple=True,
        metavar="COLUMN=FIELD",
        help='read a column, by its header or its letter, as FIELD ("Nilai 2025=target:2025", C=program.code); '
        "repeatable",
    ),
    click.option(
        "--mapping",
        type=click.Path(dir_okay=False, path_type=Path),
        help="a YAML/JSON file of {header or letter: field}",
    ),
]


def source_options(command: F) -> F:
    """--agency, --region, --period, --id, --map, --mapping: what a source may not say."""
    for option in reversed(_SOURCE_OPTIONS):
        command = option(command)
    return command


def import_options(
    agency: str | None,
    region: str | None,
    period: str | None,
    cascade_id: str | None,
    maps: tuple[str, ...],
    mapping: Path | None,
    **more: Any,
) -> ImportOptions:
    """The options of `source_options` (and `more` of ImportOptions' fields) as the importer
    takes them; one beyond the model's bounds (`--agency` of 201 characters) is bad usage."""
    from pydantic import ValidationError

    from lineage.importers import ImportOptions

    try:
        return ImportOptions(
            agency=agency,
            region=region,
            period=period,
            cascade_id=cascade_id,
            mapping=_mapping(mapping, maps),
            **more,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else ""
        raise Failure(f"{_OPTION_OF.get(field, '--' + field.replace('_', '-'))}: {error['msg']}", USAGE) from None


#: ImportOptions' fields whose option is not --FIELD.
_OPTION_OF = {"cascade_id": "--id", "mapping": "--map"}


def refusal(exc: ImportRefused, what: str) -> Failure:
    """A refused source, its problems and the hint that fits them, and what was not done."""
    return Failure("\n".join(filter(None, [str(exc), exc.report.hint, what])))


def is_cascade_file(path: Path) -> bool:
    """A file in the cascade format (YAML, or JSON that is not SIPD lists), read without the importers."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return True
    if suffix != ".json" or path.is_dir():
        return False
    from lineage.cascade import CascadeFileError
    from lineage.importers.sipd import is_sipd
    from lineage.sources import read_file

    try:
        return not is_sipd(json.loads(read_file(path)))
    except (CascadeFileError, ValueError, RecursionError):
        return True  # the cascade reader says what is wrong with it (too big, too deep, not JSON)


@click.command("import")
@click.argument("file", type=SOURCE)
@source_options
@click.option("--version", help="a label for this version (another label keeps the loaded version)")
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
    """Import planning data as it comes (sheets, CSV, SQL dumps, SIPD lists).

    FILE is a cascade file, a Renstra, matrix or block sheet (.xlsx/.csv), CSV tables (a folder
    or a .zip), a SQL dump, or SIPD RI Renstra lists (.json, or a folder or .zip of them).
    Reads everything first; loads nothing if any row is invalid (unless --skip-invalid). Headers
    are matched against the usual Indonesian wordings; map others with --map. Check a source
    first with `lineage validate` and `lineage audit` (offline, the same options).
    """
    from lineage.changes import Actor, acting_as
    from lineage.cli.common import ProgressPrinter
    from lineage.cli.load import print_plans, terminated_as_interrupt
    from lineage.importers import ImportIncomplete, ImportRefused, import_source, load_imported
    from lineage.loader import LoadInProgress, refuse_shrinking
    from lineage.settings import get_settings

    options = import_options(
        agency, region, period, cascade_id, maps, mapping, version=version, skip_invalid=skip_invalid
    )
    progress = ProgressPrinter()
    try:
        imported = import_source(str(file), options=options, progress=progress)
    except ImportRefused as exc:
        print_report(exc.report, as_json)
        raise refusal(exc, "") from None
    if dry_run:
        plans = _plans(imported.cascades, instance)
        if as_json:  # one document: the report and the plans (null when Neo4j was not reached)
            report = imported.report.model_dump(mode="json")
            body = {"report": report, "plans": None if plans is None else [p.model_dump(mode="json") for p in plans]}
            click.echo(json.dumps(body, indent=2, ensure_ascii=False))
            return DONE
        print_report(imported.report, as_json)
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
            print_report(exc.report, as_json)
            raise Failure(str(exc)) from None
        except LoadInProgress as exc:
            raise Failure(f"{exc}; nothing was loaded") from None
    print_report(imported.report, as_json)
    return DONE


@click.command()
@click.argument("file", type=SOURCE)
@source_options
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="the file to write (one cascade); a folder, one file per cascade, when there are several",
)
@click.option("--json", "as_json", is_flag=True, help="write the cascade format as JSON instead of YAML")
def convert(
    file: Path,
    agency: str | None,
    region: str | None,
    period: str | None,
    cascade_id: str | None,
    maps: tuple[str, ...],
    mapping: Path | None,
    output: Path | None,
    as_json: bool,
) -> int:
    """Write what an import reads as cascade files (offline).

    FILE is anything `lineage import` reads. One cascade is written to --output (or printed);
    several (a region's goals and its agencies) go into the folder --output names, one
    CASCADE_ID.yaml (.json with --json) each. Loading the files, the region's first, gives the
    graph the import gives.
    """
    from lineage.importers import ImportRefused
    from lineage.importers.check import convert_source

    try:
        options = import_options(agency, region, period, cascade_id, maps, mapping)
        converted = convert_source(str(file), options=options, as_json=as_json)
    except ImportRefused as exc:
        raise refusal(exc, "Nothing was written.") from None
    if len(converted) == 1 and (output is None or not output.is_dir()):
        ((cascade, text),) = converted
        if output is None:
            click.echo(text, nl=False)
        else:
            write_atomically(output, text.encode("utf-8"))
            eprint(f"wrote {safe(output)}: cascade {safe(cascade.id)}")
        return DONE
    if output is None:
        raise Failure(f"{safe(file)} holds {len(converted)} cascades: give a folder to write them to (--output)", USAGE)
    for cascade, text in converted:
        written = write_atomically(output / f"{cascade.id}.{'json' if as_json else 'yaml'}", text.encode("utf-8"))
        eprint(f"wrote {safe(written)}")
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
    from lineage.cascade import CascadeFileError
    from lineage.cascade.reader import read_data

    mapping: dict[str, str] = {}
    if path:
        try:  # read as cascade files are: within the limits, aliases bounded (no billion laughs)
            loaded = read_data(path) or {}
        except CascadeFileError as exc:
            raise Failure(f"{path}: cannot read the mapping ({'; '.join(map(str, exc.problems))})", USAGE) from None
        if not isinstance(loaded, dict):
            raise Failure(f"{path}: the mapping is a list of `header (or letter): field` lines", USAGE)
        mapping.update({str(k): str(v) for k, v in loaded.items()})
    for entry in entries:
        header, sep, field = entry.rpartition("=")
        if not sep or not header.strip():
            raise Failure(f"--map {entry!r}: write it as HEADER=FIELD or LETTER=FIELD", USAGE)
        mapping[header.strip()] = field.strip()
    return mapping


def print_report(report: ImportReport, as_json: bool) -> None:
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    # A cascade file is read as a whole (no rows); tables, sheets and dumps are read row by row.
    read = "read whole" if report.format == "cascade" else f"{report.rows_read} rows read"
    click.echo(f"{safe(report.source)} ({report.format}): {read}")
    for c in report.cascades:
        click.echo(
            f"\n  {safe(c.id)}  {safe(c.agency)}, {safe(c.region)}, {safe(c.period)}"
            + (f", version {safe(c.version)}" if c.version else "")
        )
        by_kind = c.indicators_by_kind or {}
        for kind, n in c.elements.items():
            click.echo(f"    {kind.value:<14} {n:>5} elements  {by_kind.get(kind, 0):>5} indicators")
    for loaded in report.loaded:
        verb = "replaced" if loaded.replaced else "loaded"
        kept = (
            f", kept version {safe(loaded.kept_version) or '(unlabelled)'}" if loaded.kept_version is not None else ""
        )
        click.echo(f"  {verb} {safe(loaded.cascade)}{kept}; {loaded.links_across} links to other cascades")
    if report.skipped:
        click.echo(f"\n  {len(report.skipped)} row(s) left out:")
        for row in report.skipped:
            where = ", ".join(
                filter(None, [f"sheet {safe(row.sheet)}" if row.sheet else "", f"row {row.row}" if row.row else ""])
            )
            click.echo(f"    {where}: " + "; ".join(safe(r) for r in row.reasons))
    if report.columns_not_read:
        click.echo("\n  columns not read (map them with --map HEADER=FIELD or --map LETTER=FIELD):")
        for column in report.columns_not_read:
            header = f" ({safe(column.header)})" if column.header and column.header != column.column else ""
            click.echo(f"    {safe(column.sheet)}: column {safe(column.column)}{header}: {safe(column.reason)}")
