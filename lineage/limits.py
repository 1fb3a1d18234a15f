"""Limits on what Lineage reads, and the refusal that names the one an input went beyond.

Why limits: a cascade file, a spreadsheet or an upload comes from outside. Without bounds a
448-byte YAML file of nested aliases expands to gigabytes, a zip of a few hundred kilobytes
inflates to gigabytes, and a CSV field of a million characters or a JSON list nested 100,000
deep crashes the parser. Each limit is a setting (`lineage.settings`, documented in
docs/limits.md) so that an operator loading a nation's data can raise it knowingly; each
refusal names the file, where in it, the limit and the setting.
"""

from __future__ import annotations

from lineage.cascade.errors import CascadeFileError, Problem
from lineage.settings import Settings, get_settings

#: Setting (environment variable) -> (field of Settings, unit of its value).
_SETTINGS = {
    "LINEAGE_MAX_FILE_BYTES": ("max_file_bytes", "bytes"),
    "LINEAGE_MAX_UPLOAD_BYTES": ("max_upload_bytes", "bytes"),
    "LINEAGE_MAX_INFLATED_BYTES": ("max_inflated_bytes", "bytes"),
    "LINEAGE_MAX_ARCHIVE_FILES": ("max_archive_files", "files"),
    "LINEAGE_MAX_DEPTH": ("max_depth", "levels of nesting"),
    "LINEAGE_MAX_VALUES": ("max_values", "values"),
    "LINEAGE_MAX_ALIAS_VALUES": ("max_alias_values", "values repeated by aliases"),
    "LINEAGE_MAX_FIELD_CHARS": ("max_field_chars", "characters in one value"),
    "LINEAGE_MAX_ROWS": ("max_rows", "rows"),
    "LINEAGE_MAX_COLUMNS": ("max_columns", "columns"),
}


class LimitExceeded(CascadeFileError):
    """An input refused because it goes beyond a limit; nothing of it was read into the graph.

    A `CascadeFileError` (of one problem), so every caller that refuses an invalid file refuses
    this one the same way: the CLI exits 1, an import answers 422 with the problem in its report.
    """

    def __init__(self, problem: Problem, setting: str) -> None:
        super().__init__([problem])
        self.problem = problem
        self.setting = setting


def limit(setting: str, settings: Settings | None = None) -> int:
    """The value of a limit, e.g. limit("LINEAGE_MAX_DEPTH") -> 32."""
    field, _ = _SETTINGS[setting]
    return int(getattr(settings or get_settings(), field))


def describe(setting: str, settings: Settings | None = None) -> str:
    """'at most 256.0 MiB (LINEAGE_MAX_FILE_BYTES)', for messages."""
    value = limit(setting, settings)
    _, unit = _SETTINGS[setting]
    amount = megabytes(value) if unit == "bytes" else f"{value:,} {unit}"
    return f"at most {amount} ({setting})"


def exceeded(
    file: str,
    what: str,
    setting: str,
    *,
    line: int | None = None,
    field: str = "",
    sheet: str | None = None,
    column: str | None = None,
) -> LimitExceeded:
    """The refusal of `file` for `what` ("nested deeper than 32 levels"), naming the limit."""
    message = f"{what}; Lineage reads {describe(setting)}"
    return LimitExceeded(Problem(file, line, field, message, sheet, column), setting)


def megabytes(size: int) -> str:
    """2202009 -> '2.1 MiB'; below a mebibyte, in KiB (a limit set low for a test reads true)."""
    return f"{size / 2**20:,.1f} MiB" if size >= 2**20 else f"{size / 2**10:,.1f} KiB"
