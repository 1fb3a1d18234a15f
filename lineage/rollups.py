"""The lineage questions: what rolls up into an indicator (contributors), and what it rolls up
into (contributes-to), each one Cypher statement, each walk computed once per load.

Why one statement: the walk is a breadth-first pruning expand inside Neo4j that visits each
indicator once and knows its hop distance (cypher/indicator_contributors.cypher), joined with the
summaries, so the question costs one round trip, not one per level of the cascade plus one for
the summaries.

Why a cache of walks: a load never changes once written, so the walk of (load, indicator, depth,
tier, kind) is the same every time it is asked. It is kept (bounded by the number of rows kept,
least recently used first out: `WalkCache`), and every page of its answer is cut from it by key,
so paging through 10,000 contributors walks them once. A kept walk is served again only while
every load it read still answers (checked in the same read transaction as the rest of the
question, `lineage.pins`); a reload of any cascade it crosses makes the next question walk again.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver

from lineage import versions
from lineage.answers import ContributesToAnswer, ContributorsAnswer, Edge, LineageNode
from lineage.cascade.model import ElementKind, Tier
from lineage.errors import BadCursor, NotFound
from lineage.ids import cascade_of
from lineage.indicators import Row, node_of, pins_of, summary_of
from lineage.paging import MAX_PAGE, make_cursor, open_cursor, page_size, question_key
from lineage.pins import (
    Pins,
    Reading,
    Scope,
    cursor_pins,
    digest,
    expect_pins,
    named_pins,
    period_bounds,
    read,
    statement_text,
)
from lineage.settings import get_settings
from lineage.text import fold
from lineage.traversal import paths_up

MAX_DEPTH = 20
#: The most indicators one lineage answer walks; beyond it the answer says `truncated`.
MAX_WALK = 50_000
MAX_PATHS = 1_000

# Columns of a walk row after the 13 of a summary (cypher/indicator_contributors.cypher).
_HOPS, _PARENTS, _KEY = 13, 14, 15


@dataclass
class Walk:
    """A walk as read: the start's row, the rows reached (ordered by hops, folded name, id), and
    the loads read with their scopes."""

    start: Row
    rows: list[Row]
    truncated: bool
    pins: Pins
    start_parents: list[str] = field(default_factory=list)
    #: each row's node as answered, by indicator id, built the first time a page shows it
    _nodes: dict[str, LineageNode] = field(default_factory=dict)
    #: the rows (and their sort keys) in the scope of an agency and period, per scope asked
    _scoped: dict[tuple[str | None, int | None, int | None], tuple[list[Row], list[tuple[int, str, str]]]] = field(
        default_factory=dict
    )

    def scoped(
        self, agency_key: str | None, start: int | None, end: int | None
    ) -> tuple[list[Row], list[tuple[int, str, str]]]:
        """The rows of loads in scope, with their keys for paging; worked out once per scope."""
        scope = (agency_key, start, end)
        if scope not in self._scoped:
            rows = self.rows
            if agency_key is not None or start is not None:
                rows = [row for row in rows if self.pins.scope(row[2], row[3]).matches(agency_key, start, end)]
            self._scoped[scope] = (rows, [(row[_HOPS], row[_KEY], row[0]) for row in rows])
        return self._scoped[scope]

    def nodes(self, rows: list[Row]) -> list[LineageNode]:
        """The answer's nodes for these rows, each built once per walk: every page of a kept walk
        shows its rows again, and building a node cost more than writing it out as JSON (a page of
        500 was half node building). Read-only once built; threads that build one at once build
        the same."""
        built = self._nodes
        nodes = []
        for row in rows:
            node = built.get(row[0])
            if node is None:
                node = built[row[0]] = node_of(row, self.pins.scope(row[2], row[3]), row[_HOPS])
            nodes.append(node)
        return nodes


class WalkCache:
    """Walks by (direction, load of the start's cascade, indicator, depth, tier, kind), least
    recently used out first once they hold more than `max_rows` rows; safe between threads."""

    def __init__(self, max_rows: int) -> None:
        self.max_rows = max_rows
        self._lock = threading.Lock()
        self._walks: OrderedDict[Hashable, Walk] = OrderedDict()
        self._rows = 0
        #: the question (without a load) -> the key of its latest walk, to try before walking
        self._latest: dict[Hashable, Hashable] = {}
        #: one walk of a question at a time (striped: a bounded number of locks for any number of
        #: questions), so that the clients asking it after a reload wait for one walk, not each do it
        self._flights = [threading.Lock() for _ in range(64)]

    def flight(self, question: Hashable) -> threading.Lock:
        return self._flights[hash(question) % len(self._flights)]

    def get(self, key: Hashable) -> Walk | None:
        with self._lock:
            found = self._walks.get(key)
            if found is not None:
                self._walks.move_to_end(key)
            return found

    def latest(self, question: Hashable) -> Walk | None:
        with self._lock:
            key = self._latest.get(question)
        return self.get(key) if key is not None else None

    def put(self, question: Hashable, key: Hashable, found: Walk) -> None:
        size = len(found.rows) + 1
        if size > self.max_rows:
            return
        with self._lock:
            if key in self._walks:
                return
            self._walks[key] = found
            self._latest[question] = key
            self._rows += size
            while self._rows > self.max_rows:
                _, dropped = self._walks.popitem(last=False)
                self._rows -= len(dropped.rows) + 1
            if len(self._latest) > 4 * len(self._walks) + 64:  # forget questions whose walks are gone
                self._latest = {q: k for q, k in self._latest.items() if k in self._walks}


_cache: WalkCache | None = None
_cache_lock = threading.Lock()


def walk_cache() -> WalkCache:
    """The process's walks (LINEAGE_WALK_CACHE_ROWS rows at most)."""
    global _cache
    with _cache_lock:
        if _cache is None:
            _cache = WalkCache(get_settings().walk_cache_rows)
        return _cache


# -- the questions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Asked:
    """One walk as asked for: which way, from where, how deep, which contributors kept."""

    direction: str
    indicator_id: str
    depth: int
    tier: Tier | None = None
    kind: ElementKind | None = None
    version: str | None = None

    @property
    def cascade(self) -> str:
        return cascade_of(self.indicator_id)


def contributors(
    driver: Driver,
    indicator_id: str,
    *,
    depth: int = 10,
    tier: Tier | None = None,
    kind: ElementKind | None = None,
    level: ElementKind | None = None,
    limit: int = 100,
    cursor: str | None = None,
    agency: str | None = None,
    period: str | None = None,
    version: str | None = None,
    database: str | None = None,
    whole: bool = False,
) -> ContributorsAnswer:
    """Every indicator that rolls up into `indicator_id`, nearest first, one page at a time.
    `tier` and `kind` keep those owned at a tier or measuring an element of a kind (`level` is the
    old name of `kind`); `agency` and `period` keep those of one agency's cascades, or of cascades
    overlapping a period (the mayor's goal gathers several agencies). `whole`: every contributor
    in one answer (up to MAX_WALK), with every link among them, which pages joined together would
    miss when a link joins two pages (the command line's `--all`; the API pages)."""
    asked = _Asked("contributors", indicator_id, _bounded_depth(depth), tier, kind or level, version)
    start_year, end_year = period_bounds(period)
    question = question_key(
        "contributors",
        id=indicator_id,
        depth=asked.depth,
        tier=tier,
        kind=asked.kind,
        agency=fold(agency) if agency else None,
        period=[start_year, end_year],
        version=version,
    )
    after = open_cursor(question, cursor) if cursor else None
    named = named_pins(after) if after else None
    found, pins = read(driver, lambda reading: _ask(reading, asked, after), database=database, cursor_pins=named)
    expect_pins(after, pins)
    _keep(asked, found, pins, database)
    size = max(1, len(found.rows)) if whole else page_size(limit)
    return _contributors_answer(found, asked, question, size, after, agency, start_year, end_year)


def contributes_to(
    driver: Driver,
    indicator_id: str,
    *,
    depth: int = 10,
    max_paths: int = MAX_PATHS,
    version: str | None = None,
    database: str | None = None,
) -> ContributesToAnswer:
    """Every indicator `indicator_id` rolls up into, and every path from it up to a top."""
    asked = _Asked("contributes_to", indicator_id, _bounded_depth(depth), version=version)
    found, pins = read(driver, lambda reading: _ask(reading, asked, None), database=database)
    _keep(asked, found, pins, database)
    return _contributes_to_answer(found, asked, max_paths)


def lineage_of(
    driver: Driver, indicator_id: str, *, depth: int = MAX_DEPTH, limit: int = MAX_PAGE, database: str | None = None
) -> tuple[ContributorsAnswer, ContributesToAnswer]:
    """Both ways at once, from one load of the indicator's cascade (what a lineage diagram draws):
    the first `limit` contributors, and every path to the top."""
    down = _Asked("contributors", indicator_id, _bounded_depth(depth))
    up = _Asked("contributes_to", indicator_id, depth)

    def ask(reading: Reading) -> tuple[Walk, Walk]:
        below = _ask(reading, down, None)
        return below, _ask(reading, up, None, load=below.start[3] if below.start else None)

    (below, above), pins = read(driver, ask, database=database)
    _keep(down, below, pins, database)
    _keep(up, above, pins, database)
    question = question_key("contributors", id=indicator_id, depth=depth)
    return (
        _contributors_answer(below, down, question, page_size(limit), None, None, None, None),
        _contributes_to_answer(above, up, MAX_PATHS),
    )


def _contributors_answer(
    found: Walk,
    asked: _Asked,
    question: str,
    limit: int,
    after: dict[str, Any] | None,
    agency: str | None,
    start_year: int | None,
    end_year: int | None,
) -> ContributorsAnswer:
    rows, keys = found.scoped(fold(agency) if agency else None, start_year, end_year)
    first = bisect_right(keys, _position(after)) if after else 0
    page = rows[first : first + limit]
    shown = {row[0] for row in page} | {found.start[0]}
    items = found.nodes(page)
    more = first + limit < len(rows)
    return ContributorsAnswer(
        indicator=summary_of(found.start, found.pins.scope(found.start[2], found.start[3])),
        depth=asked.depth,
        tier=asked.tier,
        kind=asked.kind,
        level=asked.kind,
        total=len(rows),
        items=items,
        nodes=items,
        # Each row's parents sorted: the database hands an indicator's links back in no set order.
        edges=[Edge(from_=row[0], to=parent) for row in page for parent in sorted(row[_PARENTS]) if parent in shown],
        truncated=found.truncated,
        next_cursor=make_cursor(question, {**cursor_pins(found.pins), "k": list(keys[first + limit - 1])})
        if more
        else None,
    )


def _contributes_to_answer(found: Walk, asked: _Asked, max_paths: int) -> ContributesToAnswer:
    start = found.start[0]
    inside = {start} | {row[0] for row in found.rows}
    edges = sorted(
        (child, parent)
        for child, parents in [(start, found.start_parents), *((row[0], row[_PARENTS]) for row in found.rows)]
        for parent in parents
        if parent in inside
    )
    listed = paths_up(start, edges, max_paths)
    items = found.nodes(found.rows)
    return ContributesToAnswer(
        indicator=summary_of(found.start, found.pins.scope(found.start[2], found.start[3])),
        depth=asked.depth,
        total=len(items),
        items=items,
        nodes=items,
        edges=[Edge(from_=child, to=parent) for child, parent in edges],
        paths=listed.paths,
        cycles=listed.cycles,
        truncated=found.truncated or listed.truncated,
    )


# -- the walk, read or kept ----------------------------------------------------------------------


def _ask(reading: Reading, asked: _Asked, after: dict[str, Any] | None, *, load: str | None = None) -> Walk:
    """Inside a question's read: the walk asked for, kept when every load it read still answers
    (or, with a cursor, is readable and is the one the cursor names), else read now."""
    cache = walk_cache()
    named = named_pins(after) if after else None
    load = load or (dict(named).get(asked.cascade) if named else None)
    load = load or versions.load_in(reading, asked.cascade, asked.version)
    kept = cache.get((asked, reading.database, load)) if load else cache.latest((asked, reading.database))
    current = after is None and asked.version is None  # the loads that answer now, not pinned ones
    if kept is not None and _still_good(reading, kept, after, current=current):
        reading.saw(kept.pins.loads)
        return kept
    if not current or not cache.max_rows:  # nothing for others to wait for: it will not be kept
        return _read_walk(reading, asked, load)
    with cache.flight((asked, reading.database)):
        again = cache.latest((asked, reading.database))  # walked by another client while this one waited?
        if again is not None and again is not kept and _still_good(reading, again, None, current=True):
            reading.saw(again.pins.loads)
            return again
        fresh = _read_walk(reading, asked, load)
        if fresh.start and fresh.pins.scopes:  # read whole: the clients waiting take it from the cache
            cache.put((asked, reading.database), (asked, reading.database, fresh.start[3]), fresh)
        return fresh


def _keep(asked: _Asked, found: Walk, pins: Pins, database: str | None) -> None:
    """Raise NotFound for a walk from no indicator; else keep it, with the loads it was read from."""
    if not found.start:
        raise NotFound(f"no indicator has the id {asked.indicator_id!r}")
    own = found.pins.loads or frozenset(pins_of([found.start, *found.rows]))  # a kept walk knows its loads
    found.pins = pins.only(own)
    walk_cache().put((asked, database), (asked, database, found.start[3]), found)


def _still_good(reading: Reading, kept: Walk, after: dict[str, Any] | None, *, current: bool) -> bool:
    """Whether a kept walk answers: its loads all still active (a question about what answers
    now), or readable and the ones the cursor names (a later page)."""
    if after is not None and digest(kept.pins.loads) != after.get("d"):
        return False
    states = reading.states(kept.pins.loads)
    return all(readable and (active or not current) for readable, active in states.values())


def _read_walk(reading: Reading, asked: _Asked, load: str | None) -> Walk:
    statement = f"indicator_{asked.direction}"
    # The depth is written into the text (Cypher takes no parameter there): a bounded integer.
    text = statement_text(statement).replace("WALK_DEPTH", str(_bounded_depth(asked.depth) + 1))
    records = reading.rows_of(
        text,
        statement,
        cascade=asked.cascade,
        uid=asked.indicator_id,
        load=load,
        depth=asked.depth,
        cap=MAX_WALK,
        tier=asked.tier.value if asked.tier else None,
        kind=asked.kind.value if asked.kind else None,
    )
    if not records:
        return Walk(start=[], rows=[], truncated=False, pins=Pins({}))
    first = records[0]
    reading.saw(
        [(first["cascade"], first["load"]), *pins_of([first["start"], *first["rows"]] if first["start"] else [])]
    )
    checked = first["checked"]
    reading.checked_in(checked)
    whole = all(r["readable"] for r in checked)
    return Walk(
        start=first["start"] or [],
        rows=first["rows"],
        truncated=first["truncated"],
        pins=Pins({(r["cascade"], r["load"]): Scope(**(r["scope"] or {})) for r in checked} if whole else {}),
        start_parents=first.get("start_parents") or [],
    )


def _position(after: dict[str, Any]) -> tuple[Any, ...]:
    position = after.get("k")
    if not isinstance(position, list) or len(position) != 3:
        raise BadCursor("the cursor is not one this server handed out")
    return tuple(position)


# -- helpers -------------------------------------------------------------------------------------


def _bounded_depth(depth: int) -> int:
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    return depth
