"""Importing planning data as it comes: cascade files, spreadsheets, table exports.

Every source ends as validated `Cascade`s (through `lineage.importers.outline` for everything
but cascade files), which `lineage.loader` writes, so there is one path into the database:

    YAML / JSON cascade file ........ lineage.cascade.read_cascade
    XLSX / CSV matrix or Renstra .... lineage.importers.sheet
    CSV per table (folder or .zip),
    SQL INSERT dump ................. lineage.importers.tables

An import reads everything first and loads nothing if any row is invalid, unless asked to skip
invalid rows; either way its report says what was read: counts per level, and each row left out
with why. Loading is all or nothing for each cascade, not for an import of several: when one
fails after others were loaded, those stay loaded and `ImportIncomplete` says so.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import Driver
from pydantic import BaseModel, Field

from lineage.cascade import Cascade, CascadeFileError, Problem, parse_cascade
from lineage.cascade.model import ElementKind, parse_period
from lineage.importers.grid import GridError, read_grids, too_big_to_inflate
from lineage.importers.headers import parse_mapping
from lineage.importers.outline import BuildOptions, Outline, build_cascades
from lineage.importers.sheet import NodeIndex, read_sheet
from lineage.importers.tables import read_tables
from lineage.loader import LoadReport, load_cascade

Progress = Callable[[str, int, int], None]
CASCADE_SUFFIXES = (".yaml", ".yml", ".json")
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv")


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


class LevelCounts(BaseModel):
    elements: dict[ElementKind, int]
    indicators: dict[ElementKind, int]


class CascadeCounts(BaseModel):
    id: str
    agency: str
    region: str
    period: str
    version: str | None = None
    positions: int
    counts: LevelCounts


class SkippedRow(BaseModel):
    file: str
    sheet: str | None = None
    row: int | None = None
    reasons: list[str]


class ImportReport(BaseModel):
    source: str
    format: str = Field(description="cascade, spreadsheet, tables or sql.")
    rows_read: int = 0
    cascades: list[CascadeCounts] = []
    skipped: list[SkippedRow] = Field([], description="Rows left out, with why (invalid rows only with skip_invalid).")
    problems: list[str] = Field([], description="Why nothing was loaded.")
    unknown_columns: list[str] = Field([], description="Columns whose header matched no known wording (not read).")
    loaded: list[dict[str, Any]] = Field([], description="What the loader wrote, per cascade.")


class ImportRefused(ValueError):
    """The source has invalid rows (or cannot be read); nothing was loaded. `report` says why."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        count = len(report.problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in {report.source}; nothing was loaded:\n"
            + "\n".join(f"  {p}" for p in report.problems)
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
    """Read `name` (a file, or a folder of CSV tables; `content` for an upload) into cascades."""
    options = options or ImportOptions()
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix in CASCADE_SUFFIXES:
        return _cascade_file(name, content if content is not None else path.read_bytes(), options)
    try:
        mapping = parse_mapping(options.mapping)
    except ValueError as exc:
        raise ImportRefused(ImportReport(source=name, format="unknown", problems=[str(exc)])) from None
    if content is None and path.is_dir():
        tables = {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.suffix.lower() == ".csv"}
        return _finish(read_tables(name, tables, mapping, progress=progress), "tables", options)
    if content is None:
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            raise ImportRefused(
                ImportReport(source=name, format="unknown", problems=[f"{name}: no such file"])
            ) from None
    if suffix == ".zip":
        return _finish(read_tables(name, _unzip(name, content), mapping, progress=progress), "tables", options)
    if suffix == ".sql":
        return _finish(read_tables(name, {name: content}, mapping, progress=progress), "sql", options)
    if suffix in SHEET_SUFFIXES:
        return _finish(_sheets(name, content, mapping, options, progress), "spreadsheet", options)
    raise ImportRefused(
        ImportReport(
            source=name,
            format="unknown",
            problems=[
                f"{name}: Lineage imports .yaml/.json cascades, .xlsx/.csv sheets, a folder or .zip of CSV tables, or a .sql dump"
            ],
        )
    )


def _cascade_file(name: str, content: bytes, options: ImportOptions) -> Imported:
    try:
        cascade = parse_cascade(content.decode("utf-8"), name)
    except (CascadeFileError, UnicodeDecodeError) as exc:
        problems = [str(p) for p in exc.problems] if isinstance(exc, CascadeFileError) else [f"{name}: not UTF-8 text"]
        raise ImportRefused(ImportReport(source=name, format="cascade", problems=problems)) from None
    if options.version:
        cascade = cascade.model_copy(update={"version": options.version})
    return Imported(cascades=[cascade], report=ImportReport(source=name, format="cascade", cascades=[_counts(cascade)]))


def _sheets(
    name: str, content: bytes, mapping: dict[str, str], options: ImportOptions, progress: Progress | None
) -> Outline:
    outline = Outline(source=name)
    try:
        grids = read_grids(name, content)
    except GridError as exc:
        outline.problems.append(exc.problem)
        return outline
    period = parse_period(options.period) if options.period else None
    nodes = NodeIndex()
    read = [
        read_sheet(grid, outline, nodes, mapping, agency=options.agency, period=period, progress=progress)
        for grid in grids
    ]
    if not any(read):
        outline.problems.append(
            Problem(
                name,
                None,
                "",
                "no sheet has a header row naming an indicator column and a "
                "program/kegiatan (or tujuan/sasaran) column; map the headers (--map)",
            )
        )
    for grid, used in zip(grids, read, strict=True):
        if not used and len(grids) > 1:
            outline.notes.append(
                Problem(name, None, "", "no header row naming an indicator column: sheet not read", grid.sheet)
            )
    return outline


def _unzip(name: str, content: bytes) -> dict[str, bytes]:
    """The CSV files of a .zip, by name; refused before anything is inflated when they would
    inflate beyond `MAX_INFLATED`."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = sorted(
                (m for m in archive.infolist() if m.filename.lower().endswith(".csv")), key=lambda m: m.filename
            )
            too_big = too_big_to_inflate(name, members, "unzip it and import the folder: `lineage import FOLDER`")
            if too_big:
                raise ImportRefused(ImportReport(source=name, format="tables", problems=[str(too_big)]))
            return {Path(m.filename).name: archive.read(m) for m in members}
    except zipfile.BadZipFile as exc:
        raise ImportRefused(
            ImportReport(source=name, format="tables", problems=[f"{name}: not a readable .zip archive ({exc})"])
        ) from None


def _finish(outline: Outline, kind: str, options: ImportOptions) -> Imported:
    report = ImportReport(
        source=outline.source, format=kind, rows_read=outline.rows_read, unknown_columns=outline.unknown_columns
    )
    report.skipped = _rows(outline.notes)
    if outline.problems and not options.skip_invalid:
        report.problems = [str(p) for p in outline.problems]
        raise ImportRefused(report)
    report.skipped = _rows(outline.problems + outline.notes)
    try:
        cascades = build_cascades(
            outline, BuildOptions(options.cascade_id, options.agency, options.region, options.period, options.version)
        )
    except CascadeFileError as exc:
        report.problems = [str(p) for p in exc.problems]
        raise ImportRefused(report) from None
    report.cascades = [_counts(c) for c in cascades]
    return Imported(cascades=cascades, report=report)


def _rows(problems: list[Problem]) -> list[SkippedRow]:
    """One entry per row, its reasons in the order found."""
    rows: dict[tuple[str, str | None, int | None], SkippedRow] = {}
    for p in problems:
        key = (p.file, p.sheet, p.line)
        reason = f"column {p.column}: {p.message}" if p.column else p.message
        rows.setdefault(key, SkippedRow(file=p.file, sheet=p.sheet, row=p.line, reasons=[])).reasons.append(reason)
    return list(rows.values())


def _counts(cascade: Cascade) -> CascadeCounts:
    kinds = {e.id: e.kind for e in cascade.elements}
    return CascadeCounts(
        id=cascade.id,
        agency=cascade.agency,
        region=cascade.region,
        period=str(cascade.period),
        version=cascade.version,
        positions=len(cascade.positions),
        counts=LevelCounts(
            elements=dict(Counter(e.kind for e in cascade.elements)),
            indicators=dict(Counter(kinds[i.measures] for i in cascade.indicators if i.measures)),
        ),
    )


class ImportIncomplete(RuntimeError):
    """A cascade of a several-cascade import failed to load after others of it were loaded.

    Each cascade loads all or nothing; an import of several does not, and cannot be undone
    afterwards: the loader writes a big cascade in many transactions, and once a new version
    answers it deletes the one it replaced (or the kept version of the same label), so the
    cascades loaded before the failure cannot be put back as they were. They stay loaded, whole
    and linked to each other; the failed one and those after it are not loaded. Importing the
    same source again is safe: the same version labels replace what the first attempt loaded.
    """

    def __init__(self, report: ImportReport, failed: str, not_loaded: list[str], cause: Exception) -> None:
        self.report = report
        self.loaded = [entry["cascade"] for entry in report.loaded]
        self.not_loaded = not_loaded
        self.cause = cause
        super().__init__(
            f"cascade {failed!r} could not be loaded: {cause}. Loaded before it, and still loaded: "
            f"{', '.join(self.loaded)}; not loaded: {', '.join(not_loaded)}. Importing the same source again "
            "loads them all (it replaces what this attempt loaded)."
        )


def load_imported(
    driver: Driver,
    imported: Imported,
    *,
    database: str | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> list[LoadReport]:
    """Load each cascade (the region's goals before the agencies that serve them), each all or
    nothing (`force`: even one that removes most of a cascade's indicators, see
    `lineage.loader.WouldShrink`). When one fails after others were loaded, `ImportIncomplete`
    says which are loaded and which are not (see there why they are not undone); when the first
    fails, its own error."""
    reports: list[LoadReport] = []
    for position, cascade in enumerate(imported.cascades):
        try:
            report = load_cascade(
                driver, cascade, source_name=imported.report.source, database=database, progress=progress, force=force
            )
        except Exception as exc:
            if not reports:
                raise
            raise ImportIncomplete(
                imported.report, cascade.id, [c.id for c in imported.cascades[position:]], exc
            ) from exc
        reports.append(report)
        imported.report.loaded.append(dict(report.__dict__))
    return reports
