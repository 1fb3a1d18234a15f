"""Spreadsheets and CSV files as grids of cell values, rows numbered as the spreadsheet shows them.

Why a grid and not pandas: government sheets are not tables until their title rows, multi-row
headers and merged cells are understood, and every problem must name the row a planner sees in
Excel. A merged cell keeps its value in its first (top-left) cell; the other cells of the range
read as blank, which the row reader takes as "same as above", the meaning planners give merges.
Header rows ask for the merged value itself (`header_value`): "Tahun 2025" spans its columns.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lineage.cascade.errors import Problem

Value = str | float | int | None

#: The most an archive may hold once inflated: the CSV files of a .zip, or the parts of an XLSX
#: workbook (a zip itself). An upload's size bounds what is sent, not what it inflates to: a few
#: hundred kilobytes can hold gigabytes of one repeated byte. A region's whole Renstra is a few MB.
MAX_INFLATED = 200 * 1024 * 1024


@dataclass
class Grid:
    file: str
    #: The sheet's name (None for a CSV file).
    sheet: str | None
    #: rows[0] is row 1; merged cells other than a range's first read None.
    rows: list[list[Value]]
    #: (row, column), 0-based, of a merged cell -> (row, column) of its range's first cell.
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, column: int) -> Value:
        cells = self.rows[row]
        return cells[column] if column < len(cells) else None

    def header_value(self, row: int, column: int) -> Value:
        """The value shown in a header cell: a merged range's value in every cell it covers."""
        anchor = self.merged.get((row, column))
        return self.value(*anchor) if anchor else self.value(row, column)


class GridError(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_grids(name: str, content: bytes) -> list[Grid]:
    """Every sheet of an XLSX workbook, or the one table of a CSV file."""
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(name, content)
    if suffix in (".csv", ".tsv", ".txt"):
        return [_csv(name, content)]
    raise GridError(
        Problem(name, None, "", f"not a spreadsheet Lineage reads ({suffix or 'no extension'}): use .xlsx or .csv")
    )


def _xlsx(name: str, content: bytes) -> list[Grid]:
    import openpyxl  # imported here: reading YAML cascades should not pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            too_big = too_big_to_inflate(name, archive.infolist())
    except zipfile.BadZipFile:
        too_big = None  # openpyxl says what is wrong with it, below
    if too_big:
        raise GridError(too_big)
    try:
        # Not read-only: only a full workbook knows its merged ranges.
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise GridError(Problem(name, None, "", f"not a readable XLSX workbook ({exc})")) from None
    grids = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        rows = [[_clean(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        for span in sheet.merged_cells.ranges:
            anchor = (span.min_row - 1, span.min_col - 1)
            for r in range(span.min_row - 1, span.max_row):
                for c in range(span.min_col - 1, span.max_col):
                    if (r, c) != anchor:
                        merged[(r, c)] = anchor
        grids.append(Grid(name, sheet.title, rows, merged))
    return grids


def too_big_to_inflate(name: str, members: list[zipfile.ZipInfo], instead: str = "") -> Problem | None:
    """Why `members` of archive `name` are not inflated, if their sizes add up to more than
    `MAX_INFLATED`. Those sizes are the sender's word, but zipfile holds it to them: it never
    inflates a member beyond its stated size, and one holding more fails its CRC check."""
    inflated = sum(m.file_size for m in members)
    if inflated <= MAX_INFLATED:
        return None
    return Problem(
        name,
        None,
        "",
        f"its files inflate to {_megabytes(inflated)}; Lineage reads at most "
        f"{_megabytes(MAX_INFLATED)} from one archive" + (f" ({instead})" if instead else ""),
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _csv(name: str, content: bytes) -> Grid:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    rows = [[_clean(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))]
    return Grid(name, None, rows)


def _delimiter(text: str) -> str:
    """The delimiter that splits the sample into the widest rows. Excel writes ";" where the
    decimal mark is ",", as in Indonesia; title rows above the header defeat csv.Sniffer."""
    sample = text[:50_000].splitlines()[:50]
    widths = {d: max((len(row) for row in csv.reader(sample, delimiter=d)), default=0) for d in ",;\t|"}
    return max(widths, key=lambda d: (widths[d], d == ","))


def _clean(value: object) -> Value:
    if value is None:
        return None
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    return str(value)  # dates and times: as text
