"""CSV that a spreadsheet opens as data, never as formulas (CSV or formula injection).

Why: names come from planners' files and uploads. A name such as `=HYPERLINK("http://...")` or
`@SUM(...)` written into a CSV as it is becomes a live formula when an auditor opens the export in
Excel or LibreOffice. Following OWASP's advice, a text cell that begins with = + - @, a tab or a
carriage return gets a single quote in front, which spreadsheets show as text and never
evaluate; and every text cell is quoted, so that Excel set to a ";" list separator (as in
Indonesia) cannot split a cell into one that begins with "=". Numbers are written as numbers.
Use `writer` (or `to_csv`) for every CSV Lineage writes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

#: What makes a spreadsheet read a cell as a formula (or, for tab and CR, hide one behind them).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Stream(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: object) -> object:
    """The value a CSV cell should hold: text that a spreadsheet would evaluate, quoted with '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` with every cell passed through `safe_cell` and every text cell quoted."""

    def __init__(self, stream: _Stream, *, lineterminator: str = "\n") -> None:
        self._writer = csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC, lineterminator=lineterminator)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: _Stream, *, lineterminator: str = "\n") -> SafeWriter:
    return SafeWriter(stream, lineterminator=lineterminator)


def to_csv(rows: Iterable[Sequence[object]]) -> str:
    """The rows (the header first) as formula-safe CSV text."""
    out = io.StringIO()
    writer(out).writerows(rows)
    return out.getvalue()
