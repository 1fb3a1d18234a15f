"""The last step of an import: the cascades read into Neo4j, one after another, each all or nothing."""

from __future__ import annotations

from neo4j import Driver

from lineage.importers.read import Imported
from lineage.importers.report import ImportReport
from lineage.loader import LoadReport, load_cascade
from lineage.progress import Progress
from lineage.sources import Source


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
        self.loaded = [entry.cascade for entry in report.loaded]
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
    source = Source(imported.report.source, imported.report.sha256)
    for position, cascade in enumerate(imported.cascades):
        try:
            report = load_cascade(driver, cascade, source=source, database=database, progress=progress, force=force)
        except Exception as exc:
            if not reports:
                raise
            raise ImportIncomplete(
                imported.report, cascade.id, [c.id for c in imported.cascades[position:]], exc
            ) from exc
        reports.append(report)
        imported.report.loaded.append(report)
    return reports
