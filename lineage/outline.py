"""Where nodes sit in a cascade's diagram: the question a view asks that a list of boxes does not.

Why: a view opens a cascade a few rows at a time (`lineage.cascades.cascade_elements` with
`parents`). To show a box that is not open yet (a selected indicator, its contributors, an audit
finding) it must know which branches lead to it, top first. The query starts from the nodes asked
about, so its cost follows the answer, not the size of the cascade. The chain ends at the cascade's
own top, as the view does: an element serving another cascade's element is a top box here.
"""

from __future__ import annotations

from neo4j import Driver
from pydantic import BaseModel, Field

from lineage.cascades import require_cascade
from lineage.cypher import cypher
from lineage.queries import MAX_PAGE


class Placement(BaseModel):
    id: str = Field(description="The element or indicator id asked about.")
    box: str | None = Field(description="Id of the element it is drawn in (itself, for an element); null when unknown.")
    ancestors: list[str] = Field(
        description="Ids of the elements of this cascade above the box, top first (the cascade's own top ends it)."
    )


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


def _check(driver: Driver, cascade_id: str, ids: list[str], database: str | None) -> None:
    if len(ids) > MAX_PAGE:
        raise ValueError(f"ask about at most {MAX_PAGE} ids at a time, not {len(ids)}")
    require_cascade(driver, cascade_id, database=database)
