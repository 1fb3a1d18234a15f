"""The versions of a cascade: which are kept, and which load answers for a version label.

Why labels and loads: a planner speaks of "Renstra 2025 awal" and "Renstra perubahan"; the
database knows loads. A version is asked for by its label or by its load id; none (or
"current") is the version that answers by default, the one loaded last.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver
from pydantic import BaseModel, Field

from lineage.errors import NotFound
from lineage.pins import Reading, read

CURRENT = "current"


class VersionInfo(BaseModel):
    load: str = Field(description="The load that wrote this version (usable wherever a version is asked for).")
    version: str | None = Field(None, description="The version's label, as the file or the import gave it.")
    current: bool
    loaded_at: str | None = None
    file: str | None = None
    period: str | None = None


class VersionList(BaseModel):
    cascade: str
    items: list[VersionInfo]
    total: int = Field(description="Versions listed: the current one and the kept ones.")


def list_versions(driver: Driver, cascade_id: str, *, database: str | None = None) -> VersionList:
    """The current version and the kept ones, newest first (one statement: no load's nodes are read)."""
    answer, _ = read(driver, lambda reading: versions_in(reading, cascade_id), database=database)
    return answer


def versions_in(reading: Reading, cascade_id: str) -> VersionList:
    record = reading.row("cascade_versions", cascade=cascade_id)
    if record is None:
        raise NotFound(f"no cascade has the id {cascade_id!r}; list them with GET /cascades")
    current = record["current"]
    items = [VersionInfo(load=current["active_load"], current=True, **_fields(current))]
    items += [VersionInfo(load=kept["load"], current=False, **_fields(kept)) for kept in record["kept"]]
    return VersionList(cascade=cascade_id, items=items, total=len(items))


def _fields(props: dict[str, Any]) -> dict[str, Any]:
    return {k: props.get(k) for k in ("version", "loaded_at", "file", "period")}


def resolve_version(
    driver: Driver, cascade_id: str, version: str | None, *, database: str | None = None
) -> VersionInfo:
    """The version asked for: by label or load id; None or "current": the current one."""
    answer, _ = read(driver, lambda reading: version_in(reading, cascade_id, version), database=database)
    return answer


def version_in(reading: Reading, cascade_id: str, version: str | None) -> VersionInfo:
    """`resolve_version` inside a question's read."""
    versions = versions_in(reading, cascade_id).items
    if version in (None, "", CURRENT):
        return versions[0]
    for info in versions:
        if version in (info.load, info.version):
            return info
    known = ", ".join(f"{v.version or '(unlabelled)'} [{v.load}]" for v in versions)
    raise NotFound(f"cascade {cascade_id!r} has no version {version!r}; it has: {known}")


def load_in(reading: Reading, cascade_id: str, version: str | None) -> str | None:
    """Inside a question's read: the load to read for `version` of a cascade (None: the load that
    answers now, which the question's own statement pins)."""
    if version in (None, "", CURRENT):
        return None
    record = reading.row("version_load", cascade=cascade_id, version=version)
    if record is None:
        return version_in(reading, cascade_id, version).load  # NotFound, naming the versions there are
    load: str = record["load"]
    return load


def version_load(
    driver: Driver, cascade_id: str | None, version: str | None, *, database: str | None = None
) -> str | None:
    """The load id to read for `version` (None: read the current version), for questions that do
    not resolve versions in their own read (the series of an indicator)."""
    if version in (None, "", CURRENT) or cascade_id is None:
        return None
    return resolve_version(driver, cascade_id, version, database=database).load
