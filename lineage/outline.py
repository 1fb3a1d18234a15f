"""Where nodes sit in a cascade's diagram: the question a view asks that a list of boxes does not.

Why: a view opens a cascade a few rows at a time (`lineage.cascades.cascade_elements` with
`parents`). To show a box that is not open yet (a selected indicator, its contributors, an audit
finding) it must know which branches lead to it, top first. The query starts from the nodes asked
about, so its cost follows the answer, not the size of the cascade. The chain ends at the cascade's
own top, as the view does: an element serving another cascade's element is a top box here. It
reads one load of the cascade (`lineage.pins`).
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver
from pydantic import BaseModel, Field

from lineage import versions
from lineage.errors import NotFound
from lineage.paging import MAX_PAGE
from lineage.pins import Reading, read


class Placement(BaseModel):
    id: str = Field(description="The element or indicator id asked about.")
    box: str | None = Field(description="Id of the element it is drawn in (itself, for an element); null when unknown.")
    ancestors: list[str] = Field(
        description="Ids of the elements of this cascade above the box, top first (the cascade's own top ends it)."
    )


class PlacementAnswer(BaseModel):
    cascade: str
    items: list[Placement]
    total: int = Field(description="Ids asked about (each once).")


def locate(
    driver: Driver, cascade_id: str, ids: list[str], *, version: str | None = None, database: str | None = None
) -> PlacementAnswer:
    """The box and the chain above it of each of `ids` (at most MAX_PAGE), in the order asked."""
    unique = list(dict.fromkeys(ids))
    if len(unique) > MAX_PAGE:
        raise ValueError(f"ask about at most {MAX_PAGE} ids at a time, not {len(unique)}")

    def ask(reading: Reading) -> list[dict[str, Any]]:
        load = versions.load_in(reading, cascade_id, version)
        record = reading.row("locate_nodes", cascade=cascade_id, ids=unique, load=load)
        if record is None:
            raise NotFound(f"no cascade has the id {cascade_id!r}; list them with GET /cascades")
        reading.saw([(record["cascade"], record["load"])])
        items: list[dict[str, Any]] = record["items"]
        return items

    records, _ = read(driver, ask, database=database)
    found = {r["id"]: Placement(id=r["id"], box=r["box"], ancestors=r["ancestors"]) for r in records}
    items = [found.get(i) or Placement(id=i, box=None, ancestors=[]) for i in unique]
    return PlacementAnswer(cascade=cascade_id, items=items, total=len(items))
