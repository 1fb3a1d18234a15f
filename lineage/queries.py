"""The questions Lineage answers, as functions of a Neo4j driver.

Each function runs in one read transaction (a consistent snapshot even while a cascade is being
reloaded) and returns a model from `lineage.answers`; the API and the CLI only format them.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable

from neo4j import Driver, ManagedTransaction

from lineage.answers import (
    ContributesToAnswer,
    ContributorsAnswer,
    Edge,
    ElementRef,
    IndicatorDetail,
    IndicatorPage,
    IndicatorSummary,
    LineageNode,
    PositionRef,
)
from lineage.cascade.model import ElementKind, Tier, parse_period
from lineage.cypher import cypher
from lineage.figures import read_data
from lineage.text import fold
from lineage.traversal import Walk, paths_up, walk

MAX_DEPTH = 20
#: The most indicators one lineage answer walks; beyond it the answer says `truncated`.
MAX_WALK = 50_000
MAX_PAGE = 500
MAX_PATHS = 1_000
AMBIGUOUS_SHOWN = 10


class NotFound(LookupError):
    """No indicator matches what was asked for."""


class Ambiguous(LookupError):
    """Several indicators match a name; the caller must choose one."""

    def __init__(self, ref: str, candidates: list[IndicatorSummary], more: bool = False) -> None:
        self.ref = ref
        self.candidates = candidates
        count = f"more than {len(candidates)}" if more else str(len(candidates))
        names = "".join(f"\n  {c.id}  {c.name}" for c in candidates)
        super().__init__(f"{ref!r} matches {count} indicators; give one of these ids (or a longer name):{names}")


class BadCursor(ValueError):
    """A cursor that this server did not hand out (or that belongs to another question)."""


# -- reading -----------------------------------------------------------------------------------
# Inside a read transaction nodes are handled by their elementId: ids users see (uids) can name
# several versions of a node, an elementId names exactly one.


def active_node(tx: ManagedTransaction, indicator_id: str, load: str | None = None) -> str:
    """The node of the indicator in the current version (or in the kept version of `load`)."""
    record = tx.run(cypher("active_indicator"), uid=indicator_id, load=load).single()
    if record is None:
        raise NotFound(f"no indicator has the id {indicator_id!r}")
    return record["node_id"]


def indicator_summaries(tx: ManagedTransaction, node_ids: Iterable[str]) -> dict[str, IndicatorSummary]:
    """node id -> summary."""
    return {record["node_id"]: _summary(record) for record in tx.run(cypher("indicator_summaries"), ids=list(node_ids))}


def _summary(record) -> IndicatorSummary:
    ind, element, owner = record["indicator"], record["element"], record["owner"]
    scope = record["scope"] or {}
    return IndicatorSummary(
        agency=scope.get("agency"),
        region=scope.get("region"),
        period=scope.get("period"),
        id=ind["uid"],
        local_id=ind["id"],
        cascade=ind["cascade"],
        name=ind["name"],
        unit=ind.get("unit"),
        element=ElementRef(id=element["uid"], kind=element["kind"], name=element["name"], code=element.get("code"))
        if element
        else None,
        owner=PositionRef.of(owner),
    )


def _step(tx: ManagedTransaction, statement: str):
    def step(node_ids: list[str]) -> list[tuple[str, str]]:
        return [(r["from"], r["to"]) for r in tx.run(cypher(statement), ids=node_ids)]

    return step


# -- cursors -----------------------------------------------------------------------------------


def encode_cursor(payload: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str) -> dict:
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        raise BadCursor("the cursor is not one this server handed out") from None
    if not isinstance(payload, dict) or payload.get("k") != kind:
        raise BadCursor("the cursor belongs to another kind of question")
    return payload


# -- questions ---------------------------------------------------------------------------------


def search_indicators(
    driver: Driver,
    q: str = "",
    *,
    limit: int = 50,
    cursor: str | None = None,
    cascade: str | None = None,
    agency: str | None = None,
    period: str | None = None,
    database: str | None = None,
) -> IndicatorPage:
    """Indicators whose name (or another spelling of it) contains `q`, ignoring case and accents;
    only of one agency's cascades, or of cascades whose period overlaps `period`, when asked."""
    start, end = period_bounds(period)
    limit = max(1, min(limit, MAX_PAGE))
    after = decode_cursor(cursor, "search") if cursor else {}
    if after and after.get("q") != fold(q):
        raise BadCursor("the cursor belongs to another search")

    def work(tx: ManagedTransaction) -> IndicatorPage:
        rows = list(
            tx.run(
                cypher("search_indicators"),
                q=fold(q),
                cascade=cascade,
                limit=limit + 1,
                after_key=after.get("key"),
                after_uid=after.get("uid"),
                agency=fold(agency) if agency else None,
                period_start=start,
                period_end=end,
            )
        )
        page = rows[:limit]
        summaries = indicator_summaries(tx, [r["node_id"] for r in page])
        next_cursor = None
        if len(rows) > limit:
            last = page[-1]
            next_cursor = encode_cursor({"k": "search", "q": fold(q), "key": last["key"], "uid": last["uid"]})
        return IndicatorPage(items=[summaries[r["node_id"]] for r in page], next_cursor=next_cursor)

    with driver.session(database=database) as session:
        return session.execute_read(work)


def resolve_indicator(driver: Driver, ref: str, *, database: str | None = None) -> IndicatorSummary:
    """What a person typed (a global id, an id from the file, a name, or a unique part of a
    name) as one indicator; `Ambiguous` lists the candidates when several fit."""

    def work(tx: ManagedTransaction) -> IndicatorSummary:
        rows = list(tx.run(cypher("resolve_indicator"), ref=ref.strip(), key=fold(ref)))
        if rows:
            best = min(r["rank"] for r in rows)
            node_ids = sorted({r["node_id"] for r in rows if r["rank"] == best})
        else:
            found = tx.run(
                cypher("search_indicators"),
                q=fold(ref),
                cascade=None,
                limit=AMBIGUOUS_SHOWN + 1,
                after_key=None,
                after_uid=None,
                agency=None,
                period_start=None,
                period_end=None,
            )
            node_ids = [r["node_id"] for r in found]
        if not node_ids:
            raise NotFound(f"no indicator has the id or name {ref!r}")
        summaries = indicator_summaries(tx, node_ids[:AMBIGUOUS_SHOWN])
        if len(node_ids) > 1:
            shown = [summaries[n] for n in node_ids[:AMBIGUOUS_SHOWN]]
            raise Ambiguous(ref, shown, more=len(node_ids) > len(shown))
        return summaries[node_ids[0]]

    with driver.session(database=database) as session:
        return session.execute_read(work)


def get_indicator(
    driver: Driver,
    indicator_id: str,
    *,
    load: str | None = None,
    database: str | None = None,
) -> IndicatorDetail:
    """One indicator with its direct links and its figures (`load`: of a kept version)."""

    def work(tx: ManagedTransaction) -> IndicatorDetail:
        node = active_node(tx, indicator_id, load)
        record = tx.run(cypher("indicator_summaries"), ids=[node]).single()
        up = [to for _, to in _step(tx, "indicator_contributes_to_step")([node])]
        down = [frm for frm, _ in _step(tx, "indicator_contributors_step")([node])]
        summaries = indicator_summaries(tx, up + down)
        ind, summary = record["indicator"], _summary(record)
        return IndicatorDetail(
            **summary.model_dump(),
            also_written_as=ind.get("also_written_as") or [],
            note=ind.get("note"),
            data=read_data(tx, node, summary.period),
            contributes_to=sorted((summaries[n] for n in up), key=_name_order),
            contributors=sorted((summaries[n] for n in down), key=_name_order),
        )

    with driver.session(database=database) as session:
        return session.execute_read(work)


def contributors(
    driver: Driver,
    indicator_id: str,
    *,
    depth: int = 10,
    tier: Tier | None = None,
    level: ElementKind | None = None,
    limit: int = 100,
    cursor: str | None = None,
    agency: str | None = None,
    period: str | None = None,
    load: str | None = None,
    database: str | None = None,
) -> ContributorsAnswer:
    """Every indicator that rolls up into `indicator_id`, nearest first, one page at a time.
    `agency` and `period` keep those of one agency's cascades, or of cascades overlapping a period
    (the mayor's goal gathers several agencies)."""
    start_year, end_year = period_bounds(period)
    depth = _bounded_depth(depth)
    limit = max(1, min(limit, MAX_PAGE))
    offset = decode_cursor(cursor, "contributors").get("o", 0) if cursor else 0
    if not isinstance(offset, int) or offset < 0:
        raise BadCursor("the cursor is not one this server handed out")

    def work(tx: ManagedTransaction) -> ContributorsAnswer:
        start = active_node(tx, indicator_id, load)
        found = walk(start, _step(tx, "indicator_contributors_step"), upward=False, depth=depth, max_nodes=MAX_WALK)
        summaries = indicator_summaries(tx, [start, *found.levels])
        matching = [
            LineageNode(**summaries[node].model_dump(), level=hops)
            for node, hops in found.levels.items()
            if (tier is None or (summaries[node].owner and summaries[node].owner.tier == tier))
            and (level is None or (summaries[node].element and summaries[node].element.kind == level))
            and in_scope(summaries[node], agency, start_year, end_year)
        ]
        matching.sort(key=lambda n: (n.level, *_name_order(n)))
        page = matching[offset : offset + limit]
        shown = {n.id for n in page} | {summaries[start].id}
        more = offset + limit < len(matching)
        return ContributorsAnswer(
            indicator=summaries[start],
            depth=depth,
            tier=tier,
            level=level,
            total=len(matching),
            nodes=page,
            edges=_edges(found, summaries, shown),
            truncated=found.truncated,
            next_cursor=encode_cursor({"k": "contributors", "o": offset + limit}) if more else None,
        )

    with driver.session(database=database) as session:
        return session.execute_read(work)


def contributes_to(
    driver: Driver,
    indicator_id: str,
    *,
    depth: int = 10,
    max_paths: int = MAX_PATHS,
    load: str | None = None,
    database: str | None = None,
) -> ContributesToAnswer:
    """Every path from `indicator_id` up to the top of the cascade."""
    depth = _bounded_depth(depth)

    def work(tx: ManagedTransaction) -> ContributesToAnswer:
        start = active_node(tx, indicator_id, load)
        found = walk(start, _step(tx, "indicator_contributes_to_step"), upward=True, depth=depth, max_nodes=MAX_WALK)
        summaries = indicator_summaries(tx, [start, *found.levels])
        listed = paths_up(found, max_paths)
        nodes = sorted(
            (LineageNode(**summaries[node].model_dump(), level=hops) for node, hops in found.levels.items()),
            key=lambda n: (n.level, *_name_order(n)),
        )
        return ContributesToAnswer(
            indicator=summaries[start],
            depth=depth,
            nodes=nodes,
            edges=_edges(found, summaries, {s.id for s in summaries.values()}),
            paths=[[summaries[n].id for n in path] for path in listed.paths],
            cycles=[[summaries[n].id for n in cycle] for cycle in listed.cycles],
            truncated=listed.truncated,
        )

    with driver.session(database=database) as session:
        return session.execute_read(work)


def count_cascades(driver: Driver, *, database: str | None = None) -> int:
    records, _, _ = driver.execute_query(cypher("count_cascades"), database_=database, routing_="r")
    return records[0]["cascades"]


# -- helpers -----------------------------------------------------------------------------------


def period_bounds(period: str | None) -> tuple[int | None, int | None]:
    """ "2025" or "2025-2029" -> (first year, last year); None -> (None, None)."""
    if not period:
        return None, None
    bounds = parse_period(period)  # the cascade format's own reading; BadPeriod if bad
    return bounds.start, bounds.end


def in_scope(summary: IndicatorSummary, agency: str | None, start: int | None, end: int | None) -> bool:
    """Whether an indicator's cascade is the agency's (folded name) and overlaps the years asked."""
    if agency and fold(summary.agency or "") != fold(agency):
        return False
    if start is not None and summary.period:
        bounds = parse_period(summary.period)
        return bounds.start <= end and bounds.end >= start
    return True


def _bounded_depth(depth: int) -> int:
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    return depth


def _name_order(summary: IndicatorSummary) -> tuple[str, str]:
    return (fold(summary.name), summary.id)


def _edges(found: Walk, summaries: dict[str, IndicatorSummary], shown: set[str]) -> list[Edge]:
    """The walk's links (node ids) as links between the indicator ids in `shown`."""
    pairs = ((summaries[a].id, summaries[b].id) for a, b in found.edges)
    return [Edge(from_=a, to=b) for a, b in pairs if a in shown and b in shown]
