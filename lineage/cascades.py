"""Questions about whole cascades: which are loaded, and their boxes, a page at a time.

A page of elements is what a diagram view or a reporting tool walks: the top boxes first
(`roots`), then the children of the box a person opens (`parent`), so a cascade with thousands
of indicators never has to travel in one answer. Each cascade's view is its own tree: an agency
target that serves the region's goal (a link across cascades) is a top box of the agency's view,
and the goal's box counts the agencies serving it instead of drawing their boxes.

Every page reads one load of the cascade (`lineage.pins`): the one that answers now, the version
asked for, or the one its cursor names, so paging a cascade through a reload never mixes versions.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from neo4j import Driver

from lineage import versions
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
from lineage.errors import BadCursor, NotFound
from lineage.paging import MAX_PAGE, make_cursor, open_cursor, page_size, question_key
from lineage.pins import Pin, Pins, Reading, cursor_pins, expect_pins, named_pins, period_bounds, read
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
    ("2025" or "2025-2029": cascades overlapping it) narrow the list. The list pages by id over the
    cascades loaded when each page is asked for (a cursor is bound to the question, not to loads:
    each page reads other cascades); each cascade's counts come from one load of it."""
    limit = page_size(limit)
    start, end = period_bounds(period)
    filters = {
        "id": only,
        "agency": fold(agency) if agency else None,
        "region": fold(region) if region else None,
        "period_start": start,
        "period_end": end,
    }
    question = question_key("cascades", **filters)
    after = open_cursor(question, cursor).get("id") if cursor else None
    if after is not None and not isinstance(after, str):
        raise BadCursor("the cursor is not one this server handed out")

    with _totals_lock:
        known = dict(_counts)  # counts of loads counted before: not counted again

    def ask(reading: Reading) -> list[Any]:
        counted = [f"{cascade}|{load}" for cascade, load in known]
        records = reading.rows("list_cascades", after_id=after, limit=limit + 1, counted=counted, **filters)
        reading.saw((r["cascade"]["id"], r["load"]) for r in records if r["cascade"])
        return records

    records, _ = read(driver, ask, database=database)
    listed = [r for r in records if r["cascade"]]
    items = [
        CascadeSummary(
            **{k: v for k, v in r["cascade"].items() if v is not None},
            **_counted(known, r["cascade"]["id"], r["load"], r["kinds"], r["indicators"]),
        )
        for r in listed[:limit]
    ]
    more = len(listed) > limit
    return CascadePage(
        items=items,
        total=records[0]["total"] if records else 0,
        next_cursor=make_cursor(question, {"id": items[-1].id}) if more else None,
    )


#: Elements per kind and indicators, per (cascade, load): a load never changes, so it is counted
#: once (the most recent loads kept).
_counts: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()
_COUNTS_KEPT = 4_096


def _counted(
    known: dict[tuple[str, str], dict[str, Any]],
    cascade: str,
    load: str,
    kinds: list[str] | None,
    indicators: int | None,
) -> dict[str, Any]:
    """The counts of a load: as the statement counted them (then kept), or as `known` before."""
    if kinds is None:
        return known[(cascade, load)]
    counts = {"elements": {kind: kinds.count(kind.value) for kind in ElementKind}, "indicators": indicators}
    with _totals_lock:
        _counts[(cascade, load)] = counts
        while len(_counts) > _COUNTS_KEPT:
            _counts.popitem(last=False)
    return counts


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
    version: str | None = None,
    database: str | None = None,
) -> ElementPage:
    """A page of boxes, in reading order; with `parents`, only the children of those boxes;
    `version`: of a kept version instead of the current one."""
    limit = page_size(limit)
    parents = sorted(set(parents)) if parents else None
    if parents and len(parents) > MAX_PAGE:
        raise ValueError(f"ask for the children of at most {MAX_PAGE} elements at a time, not {len(parents)}")
    filters = {"kind": kind.value if kind else None, "parents": parents, "roots": roots}
    question = question_key("elements", cascade=cascade_id, version=version, **filters)
    after = open_cursor(question, cursor) if cursor else None
    named = named_pins(after) if after else None
    position = _element_position(after) if after else (None, None)

    asked = (database, cascade_id, filters["kind"], tuple(parents or ()), roots, position, limit)

    def ask(reading: Reading) -> tuple[Any, int]:
        load = dict(named).get(cascade_id) if named else versions.load_in(reading, cascade_id, version)
        kept = _pages.get((*asked, load or _latest.get((database, cascade_id))))
        if kept is not None:  # the same page of the same load, read before: still what answers?
            states = reading.states(kept[2])
            if all(readable and (active or load is not None) for readable, active in states.values()):
                reading.saw(kept[2])
                return kept[0], kept[1]
        record = reading.row(
            "cascade_elements",
            cascade=cascade_id,
            load=load,
            after_level=position[0],
            after_seq=position[1],
            limit=limit + 1,
            **filters,
        )
        if record is None:
            raise NotFound(f"no cascade has the id {cascade_id!r}; list them with GET /cascades")
        reading.saw([(record["cascade"], record["load"]), *(tuple(pin) for pin in record["across"])])
        return record, _element_total(reading, cascade_id, record["load"], filters)

    (record, total), pins = read(driver, ask, database=database, cursor_pins=named)
    expect_pins(after, pins)
    _keep_page(asked, record, total, pins)
    items = record["items"]
    next_cursor = None
    if len(items) > limit:
        last = items[limit - 1]["element"]
        next_cursor = make_cursor(question, {**cursor_pins(pins), "k": [last["level"], last["seq"]]})
    return ElementPage(cascade=cascade_id, items=[_box(r) for r in items[:limit]], total=total, next_cursor=next_cursor)


#: Pages of boxes read, per (question, page, load), with the loads they read: a load never
#: changes, so a page asked again is served after one small check that its loads still answer
#: (the page's own statement reads every element of the cascade to find roots, a cost that grows
#: with the cascade). `_latest`: the load each cascade was last read at, to look a page up by.
_pages: OrderedDict[Hashable, tuple[Any, int, frozenset[Pin]]] = OrderedDict()
_latest: dict[tuple[str | None, str], str] = {}
_PAGES_KEPT = 2_048


def _keep_page(asked: tuple[Any, ...], record: Any, total: int, pins: Pins) -> None:
    cascade, load = record["cascade"], record["load"]
    with _totals_lock:
        _latest[(asked[0], cascade)] = load
        _pages[(*asked, load)] = (record, total, pins.loads)
        _pages.move_to_end((*asked, load))
        while len(_pages) > _PAGES_KEPT:
            _pages.popitem(last=False)


def _element_position(after: dict[str, Any]) -> tuple[int, int]:
    position = after.get("k")
    if not (isinstance(position, list) and len(position) == 2 and all(isinstance(x, int) for x in position)):
        raise BadCursor("the cursor is not one this server handed out")
    return position[0], position[1]


#: Totals of element pages per (load, filters): a load never changes, so each is counted once.
_totals: OrderedDict[Hashable, int] = OrderedDict()
_totals_lock = threading.Lock()
_TOTALS_KEPT = 1_024


def _element_total(reading: Reading, cascade_id: str, load: str, filters: dict[str, Any]) -> int:
    key = (cascade_id, load, filters["kind"], tuple(filters["parents"] or ()), filters["roots"])
    with _totals_lock:
        if key in _totals:
            _totals.move_to_end(key)
            return _totals[key]
    record = reading.row("cascade_element_count", cascade=cascade_id, load=load, **filters)
    total: int = record["total"] if record else 0
    with _totals_lock:
        _totals[key] = total
        while len(_totals) > _TOTALS_KEPT:
            _totals.popitem(last=False)
    return total


def _box(record: dict[str, Any]) -> ElementBox:
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


def count_cascades(driver: Driver, *, database: str | None = None) -> int:
    """How many cascades answer queries (the health check's figure)."""
    records, _, _ = driver.execute_query(cypher("count_cascades"), database_=database, routing_="r")
    count: int = records[0]["cascades"]
    return count
