"""Importing planning data as it comes: cascade files, spreadsheets, table exports.

The pipeline, one module per step:

    read ........ lineage.importers.read        which reader a source needs (file, folder, upload)
    grid ........ lineage.importers.grid        sheets and CSV files as grids of cells
    rows -> plan  lineage.importers.sheet       a sheet's rows (headers, titles, values) into the plan
                  lineage.importers.tables      tables (CSV per table, SQL dump) into the plan
    plan ........ lineage.importers.plan        what a reader found, with where it found it
    cascade ..... lineage.importers.to_cascade  the plan as validated `Cascade`s
    load ........ lineage.importers.load        the cascades into Neo4j (through `lineage.loader`)

An import reads everything first and loads nothing if any row is invalid, unless asked to skip
invalid rows; either way its report (`lineage.importers.report`) says what was read: counts per
level, each row left out with why, each column no field takes. Loading is all or nothing for each
cascade, not for an import of several: when one fails after others were loaded, those stay loaded
and `ImportIncomplete` says so.
"""

from lineage.importers.load import ImportIncomplete, load_imported
from lineage.importers.read import Imported, ImportOptions, import_source
from lineage.importers.report import ImportRefused, ImportReport

__all__ = [
    "ImportIncomplete",
    "ImportOptions",
    "ImportRefused",
    "ImportReport",
    "Imported",
    "import_source",
    "load_imported",
]
