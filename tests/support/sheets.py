"""Small planning sheets written for a test: rows as lists, merged ranges as Excel writes them."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook


def write_xlsx(
    path: Path, rows: Sequence[Sequence[object]], merged: Sequence[str] = (), title: str = "Renstra"
) -> Path:
    """`rows` from row 1, None for an empty cell; `merged` like "B5:B7"."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                sheet.cell(r, c, value)
    for span in merged:
        sheet.merge_cells(span)
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    return path
