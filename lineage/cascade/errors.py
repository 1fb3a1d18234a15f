"""Problems found in a cascade file, each pinned to a file, a line and a field.

Why a list and not the first error: a planner fixing a draft wants every problem in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    #: The line of a text file, or the row of a sheet (as the spreadsheet numbers it).
    line: int | None
    field: str
    message: str
    #: For spreadsheets and table exports: the sheet (or table) and the column, e.g. "C (Kode)".
    sheet: str | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.sheet or self.column:
            where = ", ".join(
                filter(
                    None,
                    [
                        self.file,
                        f"sheet {self.sheet}" if self.sheet else "",
                        f"row {self.line}" if self.line else "",
                        f"column {self.column}" if self.column else "",
                    ],
                )
            )
            return f"{where}: {self.message}"
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class CascadeFileError(ValueError):
    """A cascade file that cannot be loaded; nothing has been written when this is raised."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {problems[0].file}" if problems else "invalid cascade"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))


def field_path(loc: Loc) -> str:
    """('elements', 3, 'parent') -> 'elements[3].parent'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
