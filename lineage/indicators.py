"""Questions about single indicators: which one a person means, and one indicator in detail.

Each question is one read of pinned loads (`lineage.pins`): a fixed, small number of statements
in one read transaction, ending with the check that every load read is still readable. One
indicator is one statement, its check included (cypher/indicator_detail.cypher): one round trip.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from neo4j import Driver, ManagedTransaction, Record

from lineage import versions
from lineage.answers import ElementRef, IndicatorDetail, IndicatorSummary, LineageNode, PositionRef
from lineage.cascade.model import ElementKind, Tier
from lineage.cypher import cypher
from lineage.errors import Ambiguous, NotFound
from lineage.figures import data_of
from lineage.ids import cascade_of
from lineage.pins import Pins, Reading, Scope, read
from lineage.text import fold

#: How many candidates an ambiguous name lists.
AMBIGUOUS_SHOWN = 10

#: A summary row as the Cypher files return it (columns in cypher/indicator_contributors.cypher).
Row = Sequence[Any]


def summary_of(row: Row, scope: Scope) -> IndicatorSummary:
    """The summary of one indicator from its row and the scope of its load."""
    return IndicatorSummary.model_construct(_SUMMARY_SET, **_fields(row, scope))


def node_of(row: Row, scope: Scope, hops: int) -> LineageNode:
    """One indicator of a roll-up, `hops` away from the one asked about."""
    return LineageNode.model_construct(_NODE_SET, **_fields(row, scope), hops=hops, level=hops)


def _fields(row: Row, scope: Scope) -> dict[str, Any]:
    """The fields of a summary, built without validating again (`model_construct`): the rows come
    from our own statements over nodes the loader wrote from a validated cascade, and a page of 500
    answers is built several times faster so."""
    uid, local_id, cascade, _load, name, unit, e_uid, e_kind, e_name, e_code, o_uid, o_name, o_tier = row[:13]
    return {
        "id": uid,
        "local_id": local_id,
        "cascade": cascade,
        "agency": scope.agency,
        "region": scope.region,
        "period": scope.period,
        "name": name,
        "unit": unit,
        "element": _element(e_uid, e_kind, e_name, e_code) if e_uid else None,
        "owner": _owner(o_uid, o_name, o_tier) if o_uid else None,
    }


# Which fields a summary or a node built here has set: always the same, so one set is shared by
# all of them (pydantic keeps a set per object otherwise: 730 of a node's 1,280 bytes, and a kept
# walk keeps a node per row). Answers are never assigned to once built, so the sets never change.
_SUMMARY_SET = set(_fields([None] * 13, Scope()))
_NODE_SET = _SUMMARY_SET | {"hops", "level"}


# Elements and positions recur through the answers (a position owns many indicators, and every
# page of a walk names them again): each is built once and shared, read-only.


@lru_cache(maxsize=65_536)
def _element(uid: str, kind: str, name: str, code: str | None) -> ElementRef:
    return ElementRef.model_construct(id=uid, kind=ElementKind(kind), name=name, code=code)


@lru_cache(maxsize=65_536)
def _owner(uid: str, name: str, tier: str) -> PositionRef:
    level = Tier(tier)
    return PositionRef.model_construct(id=uid, name=name, tier=level, tier_label=level.label)


def summaries(rows: Iterable[Row], pins: Pins) -> list[IndicatorSummary]:
    return [summary_of(row, pins.scope(row[2], row[3])) for row in rows]


def pins_of(rows: Iterable[Row]) -> list[tuple[str, str]]:
    """The loads summary rows came from."""
    return [(row[2], row[3]) for row in rows]


def in_scope(summary: IndicatorSummary, agency: str | None, start: int | None, end: int | None) -> bool:
    """Whether an indicator's cascade is the agency's (name folded) and overlaps the years asked."""
    scope = Scope(agency=summary.agency, period=summary.period)
    return scope.matches(fold(agency) if agency else None, start, end)


def name_order(summary: IndicatorSummary) -> tuple[str, str]:
    return (fold(summary.name), summary.id)


def resolve_indicator(driver: Driver, ref: str, *, database: str | None = None) -> IndicatorSummary:
    """What a person typed (a global id, an id from the file, a name, or a unique part of a
    name) as one indicator; `Ambiguous` lists the candidates when several fit."""

    def question(reading: Reading) -> list[Row]:
        records = reading.rows("resolve_indicator", ref=ref.strip(), key=fold(ref), limit=AMBIGUOUS_SHOWN + 1)
        if records:
            best = records[0]["rank"]
            rows = [r["row"] for r in records if r["rank"] == best]
        else:
            rows = [r["row"] for r in reading.rows("resolve_by_part", part=fold(ref), limit=AMBIGUOUS_SHOWN + 1)]
        reading.saw(pins_of(rows))
        return rows

    rows, pins = read(driver, question, database=database)
    if not rows:
        raise NotFound(f"no indicator has the id or name {ref!r}")
    found = summaries(rows[:AMBIGUOUS_SHOWN], pins)
    if len(rows) > 1:
        raise Ambiguous(ref, found, more=len(rows) > AMBIGUOUS_SHOWN)
    return found[0]


def get_indicator(
    driver: Driver, indicator_id: str, *, version: str | None = None, database: str | None = None
) -> IndicatorDetail:
    """One indicator with its direct links and its figures (`version`: of a kept version)."""
    cascade = cascade_of(indicator_id)

    def question(reading: Reading) -> Record:
        load = versions.load_in(reading, cascade, version)
        record = reading.row("indicator_detail", cascade=cascade, uid=indicator_id, load=load)
        if record is None:
            raise NotFound(f"no indicator has the id {indicator_id!r} (no cascade {cascade!r} is loaded)")
        reading.saw([(record["cascade"], record["load"]), *pins_of([*record["up"], *record["down"]])])
        reading.checked_in(record["checked"])
        if record["indicator"] is None:
            raise NotFound(f"no indicator has the id {indicator_id!r}")
        return record

    record, pins = read(driver, question, database=database)
    own = Scope(**(record["scope"] or {}))
    return IndicatorDetail(
        **summary_of(record["indicator"], own).model_dump(),
        also_written_as=record["also_written_as"] or [],
        note=record["note"],
        data=data_of(record["figures"], own.period),
        contributes_to=sorted(summaries(record["up"], pins), key=name_order),
        contributors=sorted(summaries(record["down"], pins), key=name_order),
    )


# -- for lineage.series: one indicator node inside a caller's transaction ----------------------


def active_node(tx: ManagedTransaction, indicator_id: str, load: str | None = None) -> str:
    """The node (elementId) of the indicator in the load that answers now, or in `load`."""
    record = tx.run(cypher("active_indicator"), uid=indicator_id, load=load).single()
    if record is None:
        raise NotFound(f"no indicator has the id {indicator_id!r}")
    node_id: str = record["node_id"]
    return node_id


def indicator_summaries(tx: ManagedTransaction, node_ids: Iterable[str]) -> dict[str, IndicatorSummary]:
    """node id (elementId, inside `tx`) -> summary."""
    out: dict[str, IndicatorSummary] = {}
    for record in tx.run(cypher("indicator_summaries"), ids=list(node_ids)):
        scope = Scope(**(record["scope"] or {}))
        out[record["node_id"]] = summary_of(record["row"], scope)
    return out
