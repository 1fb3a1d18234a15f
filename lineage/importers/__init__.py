"""Importing planning data as it comes: cascade files, spreadsheets, table exports, SIPD lists.

The pipeline, one module per step:

    read ........ lineage.importers.read        which reader a source needs (file, folder, upload)
    grid ........ lineage.importers.grid        sheets and CSV files as grids of cells
    rows -> plan  lineage.importers.sheet       a sheet's header, titles and layout; its rows read by
                  lineage.importers.matrix      the Renstra table and the cascading matrix,
                  lineage.importers.blocks      the block layout ("Tujuan: ...")
                  lineage.importers.tables      tables (CSV per table, SQL dump) into the plan
                  lineage.importers.sipd        SIPD RI Renstra lists into the plan
    plan ........ lineage.importers.plan        what a reader found, with where it found it
    cascade ..... lineage.importers.to_cascade  the plan as validated `Cascade`s
    load ........ lineage.importers.load        the cascades into Neo4j (through `lineage.loader`)

    checks ...... lineage.importers.check       validate, audit, convert any source, offline

An import reads everything first and loads nothing if any row is invalid, unless asked to skip
invalid rows; either way its report (`lineage.importers.report`) says what was read: counts per
level, each row left out with why, each column no field takes. Loading is all or nothing for each
cascade, not for an import of several: when one fails after others were loaded, those stay loaded
and `ImportIncomplete` says so.

The names below are imported on first use, so that a step (`lineage.importers.sipd`, say) can be
imported without the driver the load step needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lineage.importers.load import ImportIncomplete, load_imported
    from lineage.importers.read import Imported, ImportOptions, import_source
    from lineage.importers.report import ImportRefused, ImportReport

_WHERE = {
    "ImportIncomplete": "lineage.importers.load",
    "load_imported": "lineage.importers.load",
    "Imported": "lineage.importers.read",
    "ImportOptions": "lineage.importers.read",
    "import_source": "lineage.importers.read",
    "ImportRefused": "lineage.importers.report",
    "ImportReport": "lineage.importers.report",
}
__all__ = [
    "ImportIncomplete",
    "ImportOptions",
    "ImportRefused",
    "ImportReport",
    "Imported",
    "import_source",
    "load_imported",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)
