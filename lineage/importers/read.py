"""The first step of an import: which reader a source needs, and the plan it reads, made into
cascades (or refused with a report naming every problem).

    YAML / JSON cascade file ........ lineage.cascade.parse_cascade
    XLSX / CSV sheet ................ lineage.importers.sheet   (grid -> rows -> plan)
    CSV per table (folder or .zip),
    SQL INSERT dump ................. lineage.importers.tables  (tables -> plan)
    SIPD RI lists (.json, or a
    folder or .zip of them) ......... lineage.importers.sipd    (lists -> plan)
    plan -> cascades ................ lineage.importers.to_cascade
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field

from lineage.cascade import Cascade, CascadeFileError, Problem, parse_cascade
from lineage.cascade.model import parse_period
from lineage.cascade.reader import decode
from lineage.importers.grid import Grid, GridError, read_grids
from lineage.importers.headers import Mapping, headers_seen, parse_mapping
from lineage.importers.plan import FIX_ROWS, FIX_SOURCE, GIVE_CONTEXT, MAP_COLUMNS, Plan
from lineage.importers.report import (
    ImportRefused,
    ImportReport,
    cascade_summary,
    columns_not_read,
    refused,
    skipped_rows,
)
from lineage.importers.sheet import NodeIndex, read_sheet
from lineage.importers.sipd import LIST_NAMES, SipdError, is_sipd, read_sipd, sipd_lists
from lineage.importers.tables import read_tables
from lineage.importers.to_cascade import BuildOptions, MissingContext, build_cascades
from lineage.progress import Progress
from lineage.sources import Members, Source, read_archive, read_file, read_folder
from lineage.text import forbidden_character

MEMBER_SUFFIXES = (".csv", ".json")
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv")
_UNZIP_IT = "unzip it and import the folder: `lineage import FOLDER`"
T = TypeVar("T")


class ImportOptions(BaseModel):
    """What the user tells an import that the source may not say."""

    cascade_id: str | None = Field(
        None, description="Id of the cascade (one agency only); default: from region, agency, period."
    )
    agency: str | None = Field(None, max_length=200, description="The agency (OPD), when the source does not name it.")
    region: str | None = Field(
        None, max_length=200, description="The region (Kota/Kabupaten), when the source does not name it."
    )
    period: str | None = Field(
        None, max_length=20, description='The plan period, "2025-2029", when the source does not state it.'
    )
    version: str | None = Field(
        None, max_length=100, description="A label for this version; another label keeps the loaded one."
    )
    mapping: dict[str, str] = Field(
        default_factory=dict, description='Header text -> field, e.g. {"Nilai 2025": "target:2025"}.'
    )
    skip_invalid: bool = Field(
        False, description="Load the valid rows and report the others, instead of loading nothing."
    )


class Imported(BaseModel):
    cascades: list[Cascade]
    report: ImportReport


def import_source(
    name: str,
    content: bytes | None = None,
    options: ImportOptions | None = None,
    *,
    progress: Progress | None = None,
) -> Imported:
    """Read `name` (a file, or a folder of CSV tables or SIPD lists; `content` for an upload) into cascades."""
    options = options or ImportOptions()
    _refuse_forbidden_options(name, options)
    if why := forbidden_character(name):  # it is kept as the cascade's `file`, shown as text
        raise refused(name, "unknown", [f"the file's name {why}; rename the file"], FIX_SOURCE)
    path = Path(name)
    suffix = path.suffix.lower()
    try:
        mapping = parse_mapping(options.mapping)
    except ValueError as exc:
        raise refused(name, "unknown", [str(exc)], MAP_COLUMNS) from None
    if content is None and path.is_dir():
        return _members(name, _opened(name, "tables", read_folder, path, MEMBER_SUFFIXES), mapping, options, progress)
    if content is None:
        content = _opened(name, "unknown", read_file, path)
    imported = _read_content(name, suffix, content, mapping, options, progress)
    imported.report.sha256 = Source.of(name, content).sha256
    return imported


def _read_content(
    name: str, suffix: str, content: bytes, mapping: Mapping, options: ImportOptions, progress: Progress | None
) -> Imported:
    """What one file (or upload, or archive) holds, by its suffix."""
    if suffix in (".yaml", ".yml"):
        return _cascade_file(name, content, options)
    if suffix == ".json":
        return _json(name, content, options)
    if suffix == ".zip":
        members = _opened(name, "tables", read_archive, name, content, MEMBER_SUFFIXES, _UNZIP_IT)
        return _members(name, members, mapping, options, progress)
    if suffix == ".sql":
        return _finish(read_tables(name, {name: content}, mapping, progress=progress), "sql", options)
    if suffix in SHEET_SUFFIXES:
        return _finish(_sheets(name, content, mapping, options, progress), "spreadsheet", options)
    raise refused(
        name,
        "unknown",
        [
            f"{name}: Lineage imports .yaml/.json cascades, .xlsx/.csv sheets, a folder or .zip of CSV tables, "
            "a .sql dump, or SIPD Renstra lists (.json, or a folder or .zip of them)"
        ],
        FIX_SOURCE,
    )


def _refuse_forbidden_options(name: str, options: ImportOptions) -> None:
    """What the user tells an import goes into names (the agency names its head's position), so
    it is held to what files are: no control characters (lineage.text)."""
    given = {field: getattr(options, field) for field in ("cascade_id", "agency", "region", "period", "version")}
    given.update({f"mapping {header!r}": f"{header} {target}" for header, target in options.mapping.items()})
    problems = [
        f"{name}: the option {field} {why}"
        for field, value in given.items()
        if isinstance(value, str) and (why := forbidden_character(value))
    ]
    if problems:
        raise refused(name, "unknown", problems, "Give the option without control characters.")


def _opened(name: str, kind: str, opener: Callable[..., T], *args: Any) -> T:
    """What `lineage.sources` opened (within the limits), or the import refused saying why."""
    try:
        return opener(*args)
    except CascadeFileError as exc:
        raise refused(name, kind, exc.problems, FIX_SOURCE) from None


def _members(
    name: str, members: Members, mapping: Mapping, options: ImportOptions, progress: Progress | None
) -> Imported:
    """A folder or .zip: SIPD lists (renstra_*.json), else CSV tables; files left out are reported."""
    lists = {n: c for n, c in members.files.items() if n.lower().endswith(".json")}
    if any(n.lower().rsplit(".", 1)[0] in LIST_NAMES for n in lists):
        return _sipd(name, lists, options)
    tables = {n: c for n, c in members.files.items() if n.lower().endswith(".csv")}
    plan = read_tables(name, tables, mapping, progress=progress)
    plan.notes.extend(members.not_read)
    return _finish(plan, "tables", options)


def _json(name: str, content: bytes, options: ImportOptions) -> Imported:
    """A .json file: SIPD Renstra lists, or a cascade file."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        data = None  # the cascade reader says where the JSON is broken, or nested beyond its limit
    if is_sipd(data):
        return _sipd(name, {name: content}, options)
    return _cascade_file(name, content, options)


def _sipd(name: str, files: dict[str, bytes], options: ImportOptions) -> Imported:
    try:
        lists = sipd_lists(name, files)
    except SipdError as exc:
        raise refused(name, "sipd", [exc.problem], FIX_SOURCE) from None
    return _finish(read_sipd(name, lists), "sipd", options)


def _cascade_file(name: str, content: bytes, options: ImportOptions) -> Imported:
    try:
        cascade = parse_cascade(decode(content, name), name)
    except CascadeFileError as exc:
        raise refused(name, "cascade", exc.problems, FIX_SOURCE) from None
    if options.version:
        cascade = cascade.model_copy(update={"version": options.version})
    report = ImportReport(source=name, format="cascade", cascades=[cascade_summary(cascade)])
    return Imported(cascades=[cascade], report=report)


def _sheets(name: str, content: bytes, mapping: Mapping, options: ImportOptions, progress: Progress | None) -> Plan:
    plan = Plan(source=name)
    try:
        grids = read_grids(name, content)
    except GridError as exc:
        plan.refuse([exc.problem], FIX_SOURCE)
        return plan
    for grid in grids:
        if grid.hidden:
            plan.notes.append(Problem(name, None, "", "a hidden sheet: not read (unhide it to import it)", grid.sheet))
    grids = [grid for grid in grids if not grid.hidden]
    if not grids:
        plan.refuse(
            [Problem(name, None, "", "every sheet of the workbook is hidden: unhide the one to import")], FIX_SOURCE
        )
        return plan
    period = parse_period(options.period) if options.period else None
    nodes = NodeIndex()
    read = [
        read_sheet(grid, plan, nodes, mapping, agency=options.agency, period=period, progress=progress)
        for grid in grids
    ]
    if not any(read):
        plan.refuse(_no_header(name, grids, mapping), MAP_COLUMNS)
    for grid, used in zip(grids, read, strict=True):
        if not used and len(grids) > 1:
            plan.notes.append(
                Problem(name, None, "", "no header row naming an indicator column: sheet not read", grid.sheet)
            )
    return plan


def _no_header(name: str, grids: list[Grid], mapping: Mapping) -> list[Problem]:
    """Why no sheet was read, with the headers seen in each and the nearest known wordings."""
    problems = []
    for grid in grids:
        seen = headers_seen(grid, mapping)
        if seen is None:
            problems.append(Problem(name, None, "", "the sheet is empty", grid.sheet))
            continue
        row, headers = seen
        problems.append(
            Problem(
                name,
                row + 1,
                "",
                "no header row names an indicator column (Indikator) and a level column (Tujuan, Sasaran, Program, "
                "Kegiatan, Sub Kegiatan, Kode or Uraian); map the headers (--map). Headers seen: " + "; ".join(headers),
                grid.sheet,
            )
        )
    return problems


def _finish(plan: Plan, kind: str, options: ImportOptions) -> Imported:
    report = ImportReport(
        source=plan.source,
        format=kind,
        rows_read=plan.rows_read,
        columns_not_read=columns_not_read(plan.unread_columns),
        skipped=skipped_rows(plan.notes),
    )
    if plan.problems and (not options.skip_invalid or any(h != FIX_ROWS for h in plan.hints)):
        report.problems = [str(p) for p in plan.problems]
        report.hint = " ".join(plan.hints) or FIX_ROWS
        raise ImportRefused(report)
    report.skipped = skipped_rows(plan.problems + plan.notes)
    try:
        cascades = build_cascades(
            plan, BuildOptions(options.cascade_id, options.agency, options.region, options.period, options.version)
        )
    except CascadeFileError as exc:
        report.problems = [str(p) for p in exc.problems]
        report.hint = GIVE_CONTEXT if isinstance(exc, MissingContext) else FIX_ROWS
        raise ImportRefused(report) from None
    report.cascades = [cascade_summary(c) for c in cascades]
    return Imported(cascades=cascades, report=report)
