"""Questions about whole cascades: which are loaded, and their boxes, a page at a time.

A page of elements is what a diagram view or a reporting tool walks: the top boxes first
(`roots`), then the children of the box a person opens (`parent`), so a cascade with thousands
of indicators never has to travel in one answer. Each cascade's view is its own tree: an agency
target that serves the region's goal (a link across cascades) is a top box of the agency's view,
and the goal's box counts the agencies serving it instead of drawing their boxes.
"""

from __future__ import annotations

import zlib

from neo4j import Driver

from lineage.answers import (
    BoxIndicator,
    CascadePage,
    CascadeSummary,
    ElementBox,
    ElementPage,
    OutsideParent,
    PositionRef,
    ServingCascade,
)
from lineage.cascade.model import ElementKind
from lineage.cypher import cypher
from lineage.queries import MAX_PAGE, BadCursor, NotFound, decode_cursor, encode_cursor, period_bounds
from lineage.text import fold


def list_cascades(
    driver: Driver,
    *,
    limit: int = 50,
    cursor: str | None = None,
    only: str | None = None,
    agency: str | None = None,
    region: str | None = None,
    period: str | None = None,
    database: str | None = None,
) -> CascadePage:
    """The cascades loaded; `agency`, `region` (names, case and accents ignored) and `period`
    ("2025" or "2025-2029": cascades overlapping it) narrow the list."""
    limit = max(1, min(limit, MAX_PAGE))
    after = decode_cursor(cursor, "cascades").get("id") if cursor else None
    start, end = period_bounds(period)
    records, _, _ = driver.execute_query(
        cypher("list_cascades"),
        id=only,
        after_id=after,
        limit=limit + 1,
        agency=fold(agency) if agency else None,
        region=fold(region) if region else None,
        period_start=start,
        period_end=end,
        database_=database,
        routing_="r",
    )
    items = [
        CascadeSummary(
            **{k: v for k, v in r["cascade"].items() if v is not None},
            elements={kind: r["kinds"].count(kind.value) for kind in ElementKind},
            indicators=r["indicators"],
        )
        for r in records[:limit]
    ]
    more = len(records) > limit
    return CascadePage(items=items, next_cursor=encode_cursor({"k": "cascades", "id": items[-1].id}) if more else None)


def get_cascade(driver: Driver, cascade_id: str, *, database: str | None = None) -> CascadeSummary:
    page = list_cascades(driver, limit=1, only=cascade_id, database=database)
    if not page.items:
        raise NotFound(f"no cascade has the id {cascade_id!r}; list them with GET /cascades")
    return page.items[0]


def cascade_elements(
    driver: Driver,
    cascade_id: str,
    *,
    kind: ElementKind | None = None,
    parents: list[str] | None = None,
    roots: bool = False,
    limit: int = 200,
    cursor: str | None = None,
    load: str | None = None,
    database: str | None = None,
) -> ElementPage:
    """A page of boxes, in reading order; with `parents`, only the children of those boxes;
    `load`: of the kept version written by that load instead of the current one."""
    limit = max(1, min(limit, MAX_PAGE))
    parents = list(dict.fromkeys(parents)) if parents else None
    if parents and len(parents) > MAX_PAGE:
        raise ValueError(f"ask for the children of at most {MAX_PAGE} elements at a time, not {len(parents)}")
    question = {"c": cascade_id, "p": zlib.crc32("\n".join(sorted(parents or [])).encode())}
    after = decode_cursor(cursor, "elements") if cursor else {}
    if after and any(after.get(key) != value for key, value in question.items()):
        raise BadCursor("the cursor belongs to another question")
    require_cascade(driver, cascade_id, database=database)  # 404 for an unknown cascade, not an empty page
    records, _, _ = driver.execute_query(
        cypher("cascade_elements"),
        cascade=cascade_id,
        kind=kind.value if kind else None,
        parents=parents,
        roots=roots,
        after_level=after.get("level"),
        after_seq=after.get("seq"),
        limit=limit + 1,
        load=load,
        database_=database,
        routing_="r",
    )
    items = [_box(r) for r in records[:limit]]
    next_cursor = None
    if len(records) > limit:
        last = records[limit - 1]["element"]
        next_cursor = encode_cursor({"k": "elements", **question, "level": last["level"], "seq": last["seq"]})
    return ElementPage(cascade=cascade_id, items=items, next_cursor=next_cursor)


def require_cascade(driver: Driver, cascade_id: str, *, database: str | None = None) -> None:
    """NotFound unless `cascade_id` has a version that answers; cheap (counts nothing)."""
    records, _, _ = driver.execute_query(cypher("active_cascade"), cascade=cascade_id, database_=database, routing_="r")
    if not records:
        raise NotFound(f"no cascade has the id {cascade_id!r}; list them with GET /cascades")


def _box(record) -> ElementBox:
    element = record["element"]
    return ElementBox(
        id=element["uid"],
        local_id=element["id"],
        kind=element["kind"],
        name=element["name"],
        code=element.get("code"),
        parent=record["parent"],
        owner=PositionRef.of(record["owner"]),
        children=record["children"],
        external_parent=OutsideParent(**record["external_parent"]) if record["external_parent"] else None,
        served_by=[ServingCascade(**serving) for serving in record["served_by"]],
        indicators=[
            BoxIndicator(
                id=i["uid"],
                local_id=i["id"],
                name=i["name"],
                unit=i.get("unit"),
                owner=PositionRef.of(i["owner"]),
                contributes_to=sorted(i["contributes_to"]),
            )
            for i in record["indicators"]
        ],
    )
