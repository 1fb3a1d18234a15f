"""The versions of a cascade: which are kept, and which load answers for a version label.

Why labels and loads: a planner speaks of "Renstra 2025 awal" and "Renstra perubahan"; the
database knows loads. A version is asked for by its label or by its load id; none (or
"current") is the version that answers by default, the one loaded last.
"""

from __future__ import annotations

from neo4j import Driver
from pydantic import BaseModel, Field

from lineage.cypher import cypher
from lineage.queries import NotFound

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


def list_versions(driver: Driver, cascade_id: str, *, database: str | None = None) -> VersionList:
    records, _, _ = driver.execute_query(
        cypher("cascade_versions"), cascade=cascade_id, database_=database, routing_="r"
    )
    if not records:
        raise NotFound(f"no cascade has the id {cascade_id!r}; list them with GET /cascades")
    current = records[0]["current"]
    items = [VersionInfo(load=current["active_load"], current=True, **_fields(current))]
    items += [VersionInfo(load=kept["load"], current=False, **_fields(kept)) for kept in records[0]["kept"]]
    return VersionList(cascade=cascade_id, items=items)


def _fields(props: dict) -> dict:
    return {k: props.get(k) for k in ("version", "loaded_at", "file", "period")}


def resolve_version(
    driver: Driver, cascade_id: str, version: str | None, *, database: str | None = None
) -> VersionInfo:
    """The version asked for: by label or load id; None or "current": the current one."""
    versions = list_versions(driver, cascade_id, database=database).items
    if version in (None, "", CURRENT):
        return versions[0]
    for info in versions:
        if version in (info.load, info.version):
            return info
    known = ", ".join(f"{v.version or '(unlabelled)'} [{v.load}]" for v in versions)
    raise NotFound(f"cascade {cascade_id!r} has no version {version!r}; it has: {known}")


def version_load(
    driver: Driver, cascade_id: str | None, version: str | None, *, database: str | None = None
) -> str | None:
    """The load id to read for `version` (None: read the current version, as every query does)."""
    if version in (None, "", CURRENT) or cascade_id is None:
        return None
    return resolve_version(driver, cascade_id, version, database=database).load
