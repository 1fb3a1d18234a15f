"""Spreadsheets and CSV files as grids of cell values, rows numbered as the spreadsheet shows them.

Why a grid and not pandas: government sheets are not tables until their title rows, multi-row
headers and merged cells are understood, and every problem must name the row a planner sees in
Excel. A merged cell keeps its value in its first (top-left) cell; the other cells of the range
read as blank, which the row reader takes as "same as above", the meaning planners give merges.
Header rows ask for the merged value itself (`header_value`): "Tahun 2025" spans its columns.

What is refused here rather than misread (docs/limits.md):
- a workbook that is not one (damaged, truncated, encrypted, an old .xls, a CSV named .xlsx),
  one that inflates beyond LINEAGE_MAX_INFLATED_BYTES, a sheet or CSV beyond LINEAGE_MAX_ROWS or
  LINEAGE_MAX_COLUMNS, a value beyond LINEAGE_MAX_FIELD_CHARS, a control character in a cell;
- a CSV whose separator cannot be told (`,` or `;`: Excel writes `;` where the decimal mark is
  `,`, as in Indonesia), or with a row wider than its table (a separator inside an unquoted
  value shifts every column after it: "98,2" read as 98 and a target as 2);
- numbers that would be misread: they are read the Indonesian way ("." groups thousands, "," is
  the decimal mark), so a sheet writing 98.25 (English) beside 1.250 or 1,250 (read differently
  by the two writings) is refused rather than guessed.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lineage.cascade.errors import CascadeFileError, Problem
from lineage.limits import exceeded, limit
from lineage.sources import inflates_beyond_limit
from lineage.text import FORBIDDEN, forbidden_character

Value = str | float | int | None

#: Rows whose merged ranges are read: header blocks lie in a sheet's first rows (headers.py
#: looks at 40); below them the other cells of a range are blank anyway.
HEADER_ROWS = 100
_SEPARATORS = (",", ";", "\t", "|")
_SEPARATOR_NAMES = {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}


@dataclass
class Grid:
    file: str
    #: The sheet's name (None for a CSV file).
    sheet: str | None
    #: rows[0] is row 1; merged cells other than a range's first read None.
    rows: list[list[Value]]
    #: (row, column), 0-based, of a merged cell in the first HEADER_ROWS rows -> (row, column)
    #: of its range's first cell.
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    #: A sheet hidden in the workbook: its rows are not read (it often holds lookup lists), but
    #: it is listed, so that the import can say it left it out.
    hidden: bool = False

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
    """Every sheet of an XLSX workbook (a hidden one `hidden`, without its rows), or the one
    table of a CSV file."""
    suffix = Path(name).suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            grids = _xlsx(name, content)
        elif suffix in (".csv", ".tsv", ".txt"):
            grids = [_csv(name, content, suffix)]
        else:
            raise _refused(name, f"not a spreadsheet Lineage reads ({suffix or 'no extension'}): use .xlsx or .csv")
        for grid in grids:
            _check_numbers(grid)
    except CascadeFileError as exc:  # a limit (LimitExceeded), said the way sheets say it
        raise GridError(exc.problems[0]) from None
    return grids


def _refused(
    name: str, message: str, row: int | None = None, sheet: str | None = None, column: int | None = None
) -> GridError:
    return GridError(Problem(name, row, "", message, sheet, _letter(column) if column is not None else None))


def _letter(column: int) -> str:
    """0 -> A, 26 -> AA."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- XLSX --------------------------------------------------------------------------------------


def _xlsx(name: str, content: bytes) -> list[Grid]:
    import openpyxl  # imported here: reading YAML cascades should not pay for it

    if not content.startswith(b"PK"):
        raise _refused(name, f"not a readable XLSX workbook: {_what_it_is(content)}")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise _refused(name, f"not a readable XLSX workbook (damaged or cut short: {exc})") from None
    if len(infos) > limit("LINEAGE_MAX_ARCHIVE_FILES"):
        raise exceeded(name, f"it holds {len(infos):,} parts", "LINEAGE_MAX_ARCHIVE_FILES")
    too_big = inflates_beyond_limit(name, infos)
    if too_big:
        raise too_big
    _refuse_declarations(name, content, infos)
    try:
        # Read-only: rows are streamed, so memory follows the cells, not the sheet's stated size.
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl fails in many ways on a damaged part: all mean "unreadable"
        raise _refused(name, f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    try:
        return [
            _sheet(name, book, sheet)
            if sheet.sheet_state == "visible"
            else Grid(name, str(sheet.title), [], hidden=True)
            for sheet in book.worksheets
        ]
    except (GridError, CascadeFileError, MemoryError):
        raise
    except Exception as exc:
        raise _refused(name, f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    finally:
        book.close()


def _refuse_declarations(name: str, content: bytes, infos: list[zipfile.ZipInfo]) -> None:
    """The parts of a workbook never declare a DTD; one that does may define entities that expand
    a few bytes into gigabytes ("billion laughs"). Refused before an XML parser sees it (expat
    would stop it too, after a second or more of expanding)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and not info.flag_bits & 0x1:
                try:
                    with archive.open(info) as part:
                        head = part.read(65_536)
                except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError):
                    continue  # openpyxl says what is wrong with it
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise _refused(name, f"not a readable XLSX workbook: {info.filename} declares a DTD (<!DOCTYPE>)")


def _what_it_is(content: bytes) -> str:
    head = content[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an Excel 97-2003 (.xls) workbook or a password-protected one; save it as .xlsx, without a password"
    if not content:
        return "the file is empty"
    if b"\0" not in content[:4096]:
        return "it is text (a CSV file named .xlsx?); save it as .xlsx, or name it .csv"
    return "not a zip archive"


def _sheet(name: str, book: Any, sheet: Any) -> Grid:
    """One sheet's cells, row by row as the file stores them: openpyxl's worksheet parser is
    used directly, because its row iterator pads every row to the widest column first (a single
    cell in column XFD would make each row 16,384 cells before any limit could be checked)."""
    from openpyxl.utils import range_boundaries
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    max_rows, max_columns = limit("LINEAGE_MAX_ROWS"), limit("LINEAGE_MAX_COLUMNS")
    title = str(sheet.title)
    rows: list[list[Value]] = []
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        read_cell = parser.parse_cell

        def calculated(element: Any) -> dict[str, Any]:
            """A cell as openpyxl reads it, refused when it holds a formula but no value: read as
            blank, it would silently drop a figure or mean "same as above". (A formula giving ""
            is stored by Excel as an empty value of type "str": that cell is blank.)"""
            cell: dict[str, Any] = read_cell(element)
            if cell["value"] is None and cell["data_type"] != "str" and element.find(FORMULA_TAG) is not None:
                formula = element.findtext(FORMULA_TAG) or ""
                raise _refused(
                    name,
                    f"the cell holds a formula{f' (={formula[:100]})' if formula else ''} but not its value: the "
                    "program that wrote the workbook did not calculate it; open it in Excel or LibreOffice and save it",
                    cell["row"],
                    title,
                    cell["column"] - 1,
                )
            return cell

        parser.parse_cell = calculated
        for number, cells in parser.parse():
            values = [(c["column"], c["value"]) for c in cells if c["value"] is not None]
            if not values:
                continue  # formatted but empty: Excel writes such rows down to row 1,048,576
            if number > max_rows:
                raise exceeded(name, f"row {number:,} holds values", "LINEAGE_MAX_ROWS", line=number, sheet=title)
            if number <= len(rows):
                raise _refused(name, f"row {number} is written twice: the workbook is damaged", number, title)
            last = max(column for column, _ in values)
            if last > max_columns:
                raise exceeded(
                    name,
                    "a value lies beyond the last column read",
                    "LINEAGE_MAX_COLUMNS",
                    line=number,
                    sheet=title,
                    column=_letter(last - 1),
                )
            rows.extend([] for _ in range(number - 1 - len(rows)))
            row: list[Value] = [None] * last
            for column, value in values:
                row[column - 1] = _cell(name, value, number, column - 1, title)
            rows.append(row)
        ranges = [range_boundaries(m.ref) for m in parser.merged_cells.mergeCell] if parser.merged_cells else []
    return Grid(name, title, rows, _merged(name, title, rows, ranges))


def _merged(
    name: str, sheet: str, rows: list[list[Value]], ranges: Iterable[tuple[int | None, ...]]
) -> dict[tuple[int, int], tuple[int, int]]:
    """The header rows' merged cells -> their range's first cell; the other cells of every range
    blanked, as Excel shows them (some writers store the value in each). Ranges are clipped to
    the cells the sheet has, so a range stated as the whole sheet costs only those."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    budget = 2 * sum(len(r) for r in rows) + HEADER_ROWS * limit("LINEAGE_MAX_COLUMNS")
    for bounds in ranges:
        min_col, min_row, max_col, max_row = (int(b or 1) for b in bounds)
        anchor = (min_row - 1, min_col - 1)
        for r in range(min_row - 1, min(max_row, len(rows))):
            cells = rows[r]
            end = max_col if r < HEADER_ROWS else min(max_col, len(cells))
            budget -= max(0, end - (min_col - 1))
            if budget < 0:
                raise _refused(
                    name,
                    "its merged ranges overlap or cover more cells than it has: the workbook is damaged",
                    sheet=sheet,
                )
            for c in range(min_col - 1, end):
                if (r, c) != anchor:
                    if c < len(cells):
                        cells[c] = None
                    if r < HEADER_ROWS:
                        merged[(r, c)] = anchor
    return merged


def _cell(name: str, value: object, row: int, column: int, sheet: str | None) -> Value:
    """A cell's value as the grid holds it (white space runs made one space), refused if it
    holds what no name may."""
    cleaned = _clean(value)
    if isinstance(cleaned, str):
        why = forbidden_character(cleaned)
        if why:
            raise _refused(name, f"the cell {why}", row, sheet, column)
        if len(cleaned) > limit("LINEAGE_MAX_FIELD_CHARS"):
            raise exceeded(
                name,
                f"a value of {len(cleaned):,} characters",
                "LINEAGE_MAX_FIELD_CHARS",
                line=row,
                sheet=sheet,
                column=_letter(column),
            )
    return cleaned


# -- CSV ---------------------------------------------------------------------------------------


def _csv(name: str, content: bytes, suffix: str) -> Grid:
    # Lines ended by a carriage return alone (Excel for Mac's "CSV (Macintosh)") are made lines
    # ended by a line feed, which the reading and the line numbers below count.
    text = _LONE_CARRIAGE_RETURN.sub("\n", _text(name, content))
    separator = "\t" if suffix == ".tsv" else _separator(name, text)
    max_rows, max_columns = limit("LINEAGE_MAX_ROWS"), limit("LINEAGE_MAX_COLUMNS")
    max_chars = limit("LINEAGE_MAX_FIELD_CHARS")
    csv.field_size_limit(max_chars)  # the csv module's own bound (131,072 by default), made ours
    # A row of a million separators would be a list of a million fields before it could be
    # counted: found first, in C, from the line starts (quoted separators count too).
    wide = re.search(rf"(?m)^(?:[^\n{re.escape(separator)}]*+{re.escape(separator)}){{{max_columns}}}", text)
    if wide:
        line = text.count("\n", 0, wide.start()) + 1
        raise exceeded(
            name, f"line {line} holds more than {max_columns:,} separators", "LINEAGE_MAX_COLUMNS", line=line
        )
    # strict: a quote that never closes is an error, not the rest of the file read as one field
    reader = csv.reader(_lines(text), delimiter=separator, strict=True)
    rows: list[list[Value]] = []
    try:
        for cells in reader:
            if len(rows) >= max_rows:
                raise exceeded(name, f"more than {max_rows:,} rows", "LINEAGE_MAX_ROWS", line=reader.line_num)
            if len(cells) > max_columns and any(c.strip() for c in itertools.islice(cells, max_columns, None)):
                raise exceeded(
                    name, f"row {len(rows) + 1} has {len(cells):,} fields", "LINEAGE_MAX_COLUMNS", line=len(rows) + 1
                )
            rows.append([_clean(c) for c in cells[:max_columns]])
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise exceeded(
                name, "a field is longer than the limit", "LINEAGE_MAX_FIELD_CHARS", line=reader.line_num
            ) from None
        raise _refused(name, f"not readable as CSV ({exc})", reader.line_num) from None
    _check_cells(name, text, rows)
    _check_width(name, rows, separator)
    return Grid(name, None, rows)


_LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")


def _lines(text: str) -> Iterator[str]:
    """The lines of `text`, each with its line break, one at a time (io.StringIO would copy the
    whole text, at four bytes a character once one character needs them)."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop == -1:
            yield text[start:]
            return
        yield text[start : stop + 1]
        start = stop + 1


def _text(name: str, content: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without a byte order mark), UTF-16 with one (what
    Excel's "Unicode text" writes), else Windows-1252 (what Excel's "CSV" writes on a Windows
    set to Indonesian or English). A binary file is refused, not decoded into noise."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _refused(name, f"not readable UTF-16 text ({exc.reason} at byte {exc.start})") from None
    if content.startswith(b"PK\x03\x04"):
        raise _refused(name, "a zip archive (an XLSX workbook?), not CSV text; name it .xlsx (or .zip)")
    if b"\0" in content:
        row = content.count(b"\n", 0, content.index(b"\0")) + 1
        raise _refused(name, "a binary file (it holds NUL bytes), not CSV text", row)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as exc:
        row = content.count(b"\n", 0, exc.start) + 1
        raise _refused(
            name, f"neither UTF-8 nor Windows-1252 text (byte {exc.start}); save it as CSV UTF-8", row
        ) from None


def _separator(name: str, text: str) -> str:
    """The separator on which the sample's rows agree: the one giving the most rows of the same
    width (2 fields or more). Not the widest split: a ';' file whose text holds unquoted commas
    would be split at them. When two separators split every row evenly, the file is refused."""
    sample = "\n".join(text[:100_000].splitlines()[:200])
    support: dict[str, tuple[int, int]] = {}
    for separator in _SEPARATORS:
        widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=separator) if any(c.strip() for c in r)]
        wide = Counter(w for w in widths if w >= 2)
        if wide:
            width, rows = max(wide.items(), key=lambda item: (item[1], item[0]))
            support[separator] = (rows, width)
    if not support:
        return ","  # one column, whatever the separator
    ranked = sorted(support, key=lambda s: support[s][0], reverse=True)
    best = ranked[0]
    if len(ranked) > 1 and support[ranked[1]][0] == support[best][0] and support[best][0] > 1:
        second = ranked[1]
        raise _refused(
            name,
            f"its columns may be separated by {_SEPARATOR_NAMES[best]} or by {_SEPARATOR_NAMES[second]} (each splits "
            f"{support[best][0]} rows evenly); save it again from Excel, or quote the values that hold either",
        )
    return best


def _check_width(name: str, rows: list[list[Value]], separator: str) -> None:
    """A row with values beyond the table's width had a separator inside one of its values: every
    column after it would be read shifted. The table's width is the one most rows have."""
    wide = Counter(len(r) for r in rows if sum(v is not None for v in r) >= 2)
    if not wide:
        return
    width = max(wide.items(), key=lambda item: (item[1], item[0]))[0]
    for number, row in enumerate(rows, 1):
        if len(row) > width and any(v is not None for v in row[width:]):
            raise _refused(
                name,
                f"this row has {len(row)} fields where the table has {width}: a {_SEPARATOR_NAMES[separator]} "
                "inside a value that is not quoted (a decimal comma?) would shift the columns after it",
                number,
            )


def _check_cells(name: str, text: str, rows: list[list[Value]]) -> None:
    """Refuse control characters, naming the row and column of the first (the rows are searched
    only when the whole text, searched in C, holds one; white space controls such as a vertical
    tab are made spaces by `_clean`, like every run of white space)."""
    if text.isprintable() or not FORBIDDEN.search(text):
        return
    for number, row in enumerate(rows, 1):
        for column, value in enumerate(row):
            if isinstance(value, str) and (why := forbidden_character(value)):
                raise _refused(name, f"the field {why}", number, None, column)


# -- Numbers -----------------------------------------------------------------------------------


def _check_numbers(grid: Grid) -> None:
    """Refuse a sheet whose numbers written as text may be misread: Lineage reads them the
    Indonesian way (1.250 is one thousand two hundred fifty, 1,25 is one and a quarter); a sheet
    that also writes a number only English writing explains (98.25, 0.125, 1,250.50) leaves
    1.250 and 1,250 ambiguous. Code columns (headed Kode, Urusan, Bidang, Code) are left out:
    2.17 there is a code, not a decimal."""
    codes = _code_columns(grid)
    english: tuple[int, int, str] | None = None
    ambiguous: tuple[int, int, str] | None = None
    for number, cells in enumerate(grid.rows, 1):
        for column, value in enumerate(cells):
            if column in codes or not isinstance(value, str) or not value[-1:].isdigit():
                continue
            text = re.sub(r"^rp\.?\s*", "", value.lower()).replace(" ", "")
            if english is None and _ENGLISH.fullmatch(text):
                english = (number, column, value)
            elif ambiguous is None and _AMBIGUOUS.fullmatch(text):
                ambiguous = (number, column, value)
    if english and ambiguous:
        row, column, text = ambiguous
        raise _refused(
            grid.file,
            f"{text!r} may be read two ways: {english[2]!r} in row {english[0]} column {_letter(english[1])} is "
            "written the English way (a decimal point), and Lineage reads numbers the Indonesian way; write "
            "every number the same way (1.250 for one thousand two hundred fifty, 98,25 for a decimal), or "
            "format the cells as numbers",
            row,
            grid.sheet,
            column,
        )


def _code_columns(grid: Grid) -> set[int]:
    """Columns whose header (a text cell in the first rows) names codes."""
    found = set()
    for row in grid.rows[:HEADER_ROWS]:
        for column, value in enumerate(row):
            if isinstance(value, str) and _CODE_HEADER.search(value):
                found.add(column)
    return found


#: Numbers only English writing explains: a decimal point not followed by three digits, a zero
#: before the point, commas grouping thousands around a decimal point or more than once.
_ENGLISH = re.compile(r"-?(\d+\.(\d{1,2}|\d{4,})|0\.\d+|\d{1,3}(,\d{3})+\.\d+|\d{1,3}(,\d{3}){2,})")
#: Numbers the two writings read differently: 1.250 and 1,250.
_AMBIGUOUS = re.compile(r"-?[1-9]\d{0,2}[.,]\d{3}")
_CODE_HEADER = re.compile(r"(?i)\b(kode|code|urusan|bidang)\b")


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
