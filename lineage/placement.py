"""Where a node sits in a cascade's diagram: the box it is drawn in and the boxes above it.

Why: a diagram view opens a cascade a few rows at a time. To show a box that is not open yet
(an indicator someone selected, the contributors it highlights, an audit finding) the view must
know which branches to open, top first. Asking for the chain of each node answers that in one
bounded question instead of opening the whole cascade.
"""

from __future__ import annotations

from neo4j import Driver
from pydantic import BaseModel, Field

from lineage.cascades import get_cascade
from lineage.cypher import cypher
from lineage.queries import MAX_PAGE


class Placement(BaseModel):
    id: str = Field(description="The element or indicator id asked about.")
    box: str | None = Field(description="Id of the element it is drawn in (itself, for an element); null when unknown.")
    ancestors: list[str] = Field(description="Ids of the elements above the box, top first.")


class PlacementAnswer(BaseModel):
    cascade: str
    items: list[Placement]


def locate(driver: Driver, cascade_id: str, ids: list[str], *, database: str | None = None) -> PlacementAnswer:
    """The box and the chain above it of each of `ids` (at most MAX_PAGE), in the order asked."""
    if len(ids) > MAX_PAGE:
        raise ValueError(f"ask for at most {MAX_PAGE} ids at a time, not {len(ids)}")
    get_cascade(driver, cascade_id, database=database)  # 404 for an unknown cascade
    unique = list(dict.fromkeys(ids))
    records, _, _ = driver.execute_query(
        cypher("locate_nodes"), cascade=cascade_id, ids=unique, database_=database, routing_="r"
    )
    found = {r["id"]: Placement(id=r["id"], box=r["box"], ancestors=r["ancestors"]) for r in records}
    return PlacementAnswer(
        cascade=cascade_id, items=[found.get(i) or Placement(id=i, box=None, ancestors=[]) for i in unique]
    )
