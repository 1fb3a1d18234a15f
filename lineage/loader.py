"""Load a validated cascade into Neo4j: all of it, or nothing.

How: one write transaction deletes the cascade's previous version and creates the new one in
batches (`UNWIND $rows`). One transaction makes the load atomic (a failure leaves the database as
it was) and makes a reload a clean replacement; the work function is idempotent, so the driver
may retry it on a transient error. Constraints and indexes are created first, in their own
transactions, because Neo4j does not mix schema and data changes in one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from neo4j import Driver, ManagedTransaction

from lineage.cascade import Cascade, CascadeLinks
from lineage.cypher import cypher, cypher_statements
from lineage.text import fold

BATCH_SIZE = 5_000

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass
class LoadReport:
    cascade: str
    positions: int = 0
    elements: int = 0
    indicators: int = 0
    element_links: int = 0
    indicator_links: int = 0
    replaced: bool = False


def uid(cascade: Cascade | str, local_id: str) -> str:
    """A node's id across cascades: the cascade id, a colon, the id written in the file."""
    cascade_id = cascade if isinstance(cascade, str) else cascade.id
    return f"{cascade_id}:{local_id}"


def ensure_schema(driver: Driver, database: str | None = None) -> None:
    for statement in cypher_statements("schema"):
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def load_cascade(
    driver: Driver,
    cascade: Cascade,
    *,
    source_text: str = "",
    source_name: str = "",
    database: str | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> LoadReport:
    """Replace `cascade` in the database by the given version, atomically."""
    ensure_schema(driver, database)
    rows = _Rows(cascade, CascadeLinks.of(cascade))
    properties = {
        "id": cascade.id,
        "agency": cascade.agency,
        "region": cascade.region,
        "period": str(cascade.period),
        "period_start": cascade.period.start,
        "period_end": cascade.period.end,
        "source": cascade.source,
        "file": source_name,
        "sha256": hashlib.sha256(source_text.encode()).hexdigest() if source_text else None,
        "loaded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }

    def work(tx: ManagedTransaction) -> LoadReport:
        report = LoadReport(cascade.id)
        deleted = tx.run(cypher("delete_cascade"), cascade=cascade.id).consume().counters
        report.replaced = deleted.nodes_deleted > 0
        tx.run(cypher("write_cascade"), cascade=cascade.id, properties=properties).consume()
        steps = [
            ("positions", "write_positions", rows.positions()),
            ("elements", "write_elements", rows.elements()),
            ("element_links", "write_element_links", rows.element_links()),
            ("indicators", "write_indicators", rows.indicators()),
            ("indicator_links", "write_indicator_links", rows.indicator_links()),
        ]
        for what, statement, items in steps:
            total = len(items)
            for start in range(0, total, batch_size):
                batch = items[start : start + batch_size]
                tx.run(cypher(statement), rows=batch).consume()
                if progress:
                    progress(what, start + len(batch), total)
            setattr(report, what, total)
        return report

    with driver.session(database=database) as session:
        return session.execute_write(work)


class _Rows:
    """The parameter rows for each Cypher statement, derived from the model and its links."""

    def __init__(self, cascade: Cascade, links: CascadeLinks) -> None:
        self.cascade = cascade
        self.links = links

    def _uid(self, local_id: str | None) -> str | None:
        return uid(self.cascade, local_id) if local_id else None

    def positions(self) -> list[dict]:
        return [
            {"uid": self._uid(p.id), "id": p.id, "cascade": self.cascade.id, "name": p.name, "tier": p.tier.value}
            for p in self.cascade.positions
        ]

    def elements(self) -> list[dict]:
        return [
            {
                "label": e.kind.label,
                "owner": self._uid(e.owner),
                "properties": _without_none({
                    "uid": self._uid(e.id), "id": e.id, "cascade": self.cascade.id, "kind": e.kind.value,
                    "level": e.kind.level, "name": e.name, "code": e.code, "note": e.note,
                }),
            }
            for e in self.cascade.elements
        ]

    def element_links(self) -> list[dict]:
        return [{"child": self._uid(c), "parent": self._uid(p)} for c, p in self.links.element_parent.items()]

    def indicators(self) -> list[dict]:
        return [
            {
                "owner": self._uid(self.links.owner[i.id]),
                "measures": self._uid(i.measures),
                "properties": _without_none({
                    "uid": self._uid(i.id), "id": i.id, "cascade": self.cascade.id, "name": i.name,
                    "unit": i.unit, "note": i.note, "also_written_as": list(i.also_written_as),
                    "search_key": fold(i.name),
                    "search_text": "\n".join(fold(n) for n in [i.name, *i.also_written_as]),
                }),
            }
            for i in self.cascade.indicators
        ]

    def indicator_links(self) -> list[dict]:
        return [{"child": self._uid(c), "parent": self._uid(p)} for c, p in self.links.indicator_edges()]


def _without_none(properties: dict) -> dict:
    return {k: v for k, v in properties.items() if v is not None}
