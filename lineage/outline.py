"""The two questions a diagram view asks that a list of boxes does not answer.

Why: a view opens a cascade a few rows at a time. To open several boxes at once (a row, or the
branches down to a selection) it needs all their children in one answer (`children`); to show a
box that is not open yet (a selected indicator, its contributors, an audit finding) it must know
which branches lead to it, top first (`locate`). Both start from the nodes asked about, so their
cost follows the answer, not the size of the cascade.
"""

from __future__ import annotations

import zlib

from neo4j import Driver
from pydantic import BaseModel, Field

from lineage.answers import ElementPage
from lineage.cascades import _box
from lineage.cypher import cypher
from lineage.queries import MAX_PAGE, BadCursor, NotFound, decode_cursor, encode_cursor


class Placement(BaseModel):
    id: str = Field(description="The element or indicator id asked about.")
    box: str | None = Field(description="Id of the element it is drawn in (itself, for an element); null when unknown.")
    ancestors: list[str] = Field(description="Ids of the elements above the box, top first.")


class PlacementAnswer(BaseModel):
    cascade: str
    items: list[Placement]


def locate(driver: Driver, cascade_id: str, ids: list[str], *, database: str | None = None) -> PlacementAnswer:
    """The box and the chain above it of each of `ids` (at most MAX_PAGE), in the order asked."""
    unique = list(dict.fromkeys(ids))
    _check(driver, cascade_id, unique, database)
    records, _, _ = driver.execute_query(
        cypher("locate_nodes"), cascade=cascade_id, ids=unique, database_=database, routing_="r"
    )
    found = {r["id"]: Placement(id=r["id"], box=r["box"], ancestors=r["ancestors"]) for r in records}
    return PlacementAnswer(
        cascade=cascade_id, items=[found.get(i) or Placement(id=i, box=None, ancestors=[]) for i in unique]
    )


def children(
    driver: Driver, cascade_id: str, parents: list[str], *, limit: int = 200, cursor: str | None = None,
    database: str | None = None,
) -> ElementPage:
    """The boxes whose parent is one of `parents` (at most MAX_PAGE), in reading order, a page at a time."""
    limit = max(1, min(limit, MAX_PAGE))
    unique = list(dict.fromkeys(parents))
    after = decode_cursor(cursor, "children") if cursor else {}
    if after and (after.get("c") != cascade_id or after.get("p") != _fingerprint(unique)):
        raise BadCursor("the cursor belongs to another question")
    _check(driver, cascade_id, unique, database)
    records, _, _ = driver.execute_query(
        cypher("element_children"), cascade=cascade_id, parents=unique, after_level=after.get("level"),
        after_seq=after.get("seq"), limit=limit + 1, database_=database, routing_="r",
    )
    items = [_box(r) for r in records[:limit]]
    next_cursor = None
    if len(records) > limit:
        last = records[limit - 1]["element"]
        next_cursor = encode_cursor(
            {"k": "children", "c": cascade_id, "p": _fingerprint(unique), "level": last["level"], "seq": last["seq"]}
        )
    return ElementPage(cascade=cascade_id, items=items, next_cursor=next_cursor)


def _check(driver: Driver, cascade_id: str, ids: list[str], database: str | None) -> None:
    if len(ids) > MAX_PAGE:
        raise ValueError(f"ask about at most {MAX_PAGE} ids at a time, not {len(ids)}")
    records, _, _ = driver.execute_query(cypher("active_cascade"), cascade=cascade_id, database_=database, routing_="r")
    if not records:
        raise NotFound(f"no cascade has the id {cascade_id!r}; list them with GET /cascades")


def _fingerprint(ids: list[str]) -> int:
    """A short check that a cursor is used with the parents it was made for."""
    return zlib.crc32("\n".join(sorted(ids)).encode())
