"""What an import says it did: counts per level, rows and columns left out and why, problems,
what was loaded. One typed model for the CLI, the API and `--json`."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field

from lineage.answers import CascadeSummary
from lineage.cascade import Cascade, Problem
from lineage.importers.plan import UnreadColumn
from lineage.loader import LoadReport


class SkippedRow(BaseModel):
    file: str
    sheet: str | None = None
    row: int | None = None
    reasons: list[str]


class ColumnNotRead(BaseModel):
    sheet: str = Field(description="The sheet, table or file holding the column.")
    column: str = Field(description="Its letter in a sheet (C), its name in a table or export.")
    header: str = Field(description="Its header as written (all header rows joined).")
    reason: str = Field(description="Why no field takes it.")


class ImportReport(BaseModel):
    source: str
    sha256: str | None = Field(
        None, description="SHA-256 of the file or upload read, as sha256sum prints it (null: a folder of tables)."
    )
    format: str = Field(description="cascade, spreadsheet, tables, sql or sipd.")
    rows_read: int = 0
    cascades: list[CascadeSummary] = Field(
        [], description="Each cascade read, with its counts (one model with GET /cascades)."
    )
    skipped: list[SkippedRow] = Field([], description="Rows left out, with why (invalid rows only with skip_invalid).")
    problems: list[str] = Field([], description="Why nothing was loaded.")
    hint: str | None = Field(None, description="What to do about the problems.")
    columns_not_read: list[ColumnNotRead] = Field(
        [], description="Every column of the source no field takes, with its letter (or name), header and why."
    )
    loaded: list[LoadReport] = Field([], description="What the loader wrote, per cascade.")


#: The closing hints, by what went wrong.
FIX_ROWS = "Fix these rows, or pass --skip-invalid (skip_invalid=true) to load the others."
MAP_COLUMNS = (
    "Map the columns: --map 'HEADER=FIELD' or --map C=FIELD by column letter (docs/import.md lists the fields)."
)
GIVE_CONTEXT = "Give what the source does not state: --agency, --region, --period."
FIX_SOURCE = "Fix the file (or export it again) and import it again."


class ImportRefused(ValueError):
    """The source has invalid rows (or cannot be read); nothing was loaded. `report` says why."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        count = len(report.problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in {report.source}; nothing was loaded:\n"
            + "\n".join(f"  {p}" for p in report.problems)
        )


def refused(source: str, kind: str, problems: list[Problem] | list[str], hint: str) -> ImportRefused:
    return ImportRefused(ImportReport(source=source, format=kind, problems=[str(p) for p in problems], hint=hint))


def skipped_rows(problems: list[Problem]) -> list[SkippedRow]:
    """One entry per row, its reasons in the order found."""
    rows: dict[tuple[str, str | None, int | None], SkippedRow] = {}
    for p in problems:
        reason = f"column {p.column}: {p.message}" if p.column else p.message
        rows.setdefault((p.file, p.sheet, p.line), SkippedRow(file=p.file, sheet=p.sheet, row=p.line, reasons=[]))
        rows[(p.file, p.sheet, p.line)].reasons.append(reason)
    return list(rows.values())


def columns_not_read(columns: list[UnreadColumn]) -> list[ColumnNotRead]:
    return [ColumnNotRead(sheet=c.sheet, column=c.column, header=c.header, reason=c.reason) for c in columns]


def cascade_summary(cascade: Cascade) -> CascadeSummary:
    """What the file holds of `cascade`, in the shape GET /cascades lists a loaded one."""
    kinds = {e.id: e.kind for e in cascade.elements}
    return CascadeSummary(
        id=cascade.id,
        agency=cascade.agency,
        region=cascade.region,
        period=str(cascade.period),
        source=cascade.source,
        version=cascade.version,
        elements=dict(Counter(e.kind for e in cascade.elements)),
        indicators=len(cascade.indicators),
        indicators_by_kind=dict(Counter(kinds[i.measures] for i in cascade.indicators if i.measures)),
        positions=len(cascade.positions),
    )
