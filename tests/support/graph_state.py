"""Reading back what is in the database, as plain sets and counts a test can compare.

Following cartography's test helpers: assertions compare sets of tuples read from Neo4j, so a
failure shows exactly which nodes or links differ.
"""

from __future__ import annotations

import hashlib

from neo4j import Driver

#: A node that marks a database as the tests' own, so erasing it is allowed.
TEST_MARKER = "LineageTestDatabase"
#: The change log (`lineage.changes`): a record about the writes, with their times, not part of
#: the graph they wrote; left out of counts and snapshots (tests of the log read it themselves).
CHANGE_LOG = "Change"
_NOT_COUNTED = f"NOT n:{TEST_MARKER} AND NOT n:{CHANGE_LOG}"
#: Properties that change on every load by design (when, which load, and the claim of a load
#: under way or of one that died), left out of snapshots.
VOLATILE = {
    "loaded_at",
    "load",
    "active_load",
    "loading",
    "loading_since",
    "loading_until",
    "loading_owner",
    "loading_by",
}


def counts(driver: Driver, database: str | None = None) -> dict[str, int]:
    """Nodes per label and relationships per type, e.g. {"Indicator": 33, "CONTRIBUTES_TO": 67}."""
    out: dict[str, int] = {}
    records, _, _ = driver.execute_query(
        f"MATCH (n) WHERE {_NOT_COUNTED} UNWIND labels(n) AS label RETURN label, count(*) AS n", database_=database
    )
    out.update({r["label"]: r["n"] for r in records})
    records, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n", database_=database)
    out.update({r["type"]: r["n"] for r in records})
    return dict(sorted(out.items()))


def snapshot(driver: Driver, database: str | None = None) -> tuple[frozenset, frozenset]:
    """Every node (labels and properties) and every relationship (ends and type)."""
    records, _, _ = driver.execute_query(
        f"MATCH (n) WHERE {_NOT_COUNTED} RETURN labels(n) AS labels, properties(n) AS props", database_=database
    )
    nodes = frozenset(
        (
            tuple(sorted(r["labels"])),
            tuple(sorted((k, _hashable(v)) for k, v in r["props"].items() if k not in VOLATILE)),
        )
        for r in records
    )
    records, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.uid, a.id) AS a, type(r) AS type, coalesce(b.uid, b.id) AS b",
        database_=database,
    )
    rels = frozenset((r["a"], r["type"], r["b"]) for r in records)
    return nodes, rels


def fingerprint(driver: Driver, database: str | None = None) -> tuple[dict[str, int], str]:
    """Counts per label and relationship type, and a hash over every node's labels and properties
    and every relationship (the volatile load ids left out): equal fingerprints, equal graphs."""
    nodes, rels = snapshot(driver, database)
    digest = hashlib.sha256(repr((sorted(map(repr, nodes)), sorted(map(repr, rels)))).encode()).hexdigest()
    return counts(driver, database), digest


def indicator_links(driver: Driver, database: str | None = None) -> set[tuple[str, str]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Indicator)-[:CONTRIBUTES_TO]->(b:Indicator) RETURN a.id AS a, b.id AS b", database_=database
    )
    return {(r["a"], r["b"]) for r in records}


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


#: Properties that say where a load was read from (the file's name and its text's hash), not what it holds.
PROVENANCE = {"file", "sha256"}


def content_fingerprint(driver: Driver, database: str | None = None) -> tuple[dict[str, int], str]:
    """Counts per label and relationship type, and a hash over every node's labels and properties
    (those of `VOLATILE` and `PROVENANCE` left out) and every relationship: two graphs with the
    same fingerprint hold the same data, whichever file it was loaded from."""
    nodes, rels = snapshot(driver, database)
    kept = sorted(repr(tuple(p for p in props if p[0] not in PROVENANCE)) + repr(labels) for labels, props in nodes)
    digest = hashlib.sha256("\n".join([*kept, *sorted(map(repr, rels))]).encode()).hexdigest()
    return counts(driver, database), digest


def erase(driver: Driver, database: str | None = None) -> None:
    """Every node but the marker of the tests' database (constraints and indexes kept)."""
    driver.execute_query(f"MATCH (n) WHERE NOT n:{TEST_MARKER} DETACH DELETE n", database_=database)
