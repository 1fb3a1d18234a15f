"""Reads a reload cannot break: each question reads one load of each cascade, and checks it.

A cascade's versions live side by side as loads (`lineage.loader`); `(:Cascade).active_load`
names the one that answers now, and a reload switches it in one small transaction. Neo4j's read
transactions are read-committed, not snapshots, so a question that reads in several steps (or even
one long statement) while a reload switches and deletes could see parts of two versions, or nodes
vanishing under it. The load contract (docs/reads.md) makes that impossible to miss:

1. A question pins a load per cascade: the active one when it starts, the version asked for, or
   the loads a cursor names; it reads only nodes of those loads (every node carries its load id).
2. Last, in the same read transaction, it checks that every load it read is READABLE
   (cypher/pins_readable.cypher): a writer marks a load *doomed* in a committed transaction before
   deleting any of its nodes, so a load still not doomed at the end lost no node while it was read.
3. Not readable, or two loads of one cascade seen: the answer is thrown away and the question runs
   again on the loads that answer now (at most `ATTEMPTS` times, then `ReloadRace`, a 503); with a
   cursor, the loads it named are gone for good (`CursorExpired`, a 409).

Questions run their statements through a `Reading`, which records every (cascade, load) the rows
came from; `read` runs the question and the check in one read transaction (routed to a secondary
in a cluster).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver, ManagedTransaction, Record, Session
from neo4j.exceptions import Neo4jError

from lineage.cascade.model import parse_period
from lineage.cypher import cypher
from lineage.errors import CursorExpired, ReloadRace
from lineage.text import fold

log = logging.getLogger(__name__)

#: How many times a question is read before it gives up on cascades that keep being reloaded.
ATTEMPTS = 5
#: A cursor names the loads of at most this many cascades; beyond, only a digest of them (such a
#: cursor then holds only while all of them still answer: their ids cannot be read back from it).
CURSOR_PINS = 16
#: Neo4j's code for a node or relationship deleted under a reader. A load is doomed before any of
#: its nodes is deleted, so a reader meets this only when the deletion began after it pinned the
#: load (with no grace period, or a question longer than it): the check would find the load gone.
_VANISHED = "Neo.ClientError.Statement.EntityNotFound"

T = TypeVar("T")
#: A load of a cascade: (cascade id, load id).
Pin = tuple[str, str]


@dataclass(frozen=True)
class Scope:
    """What a load's version says of itself: agency, region and plan period."""

    agency: str | None = None
    region: str | None = None
    period: str | None = None
    agency_key: str | None = None
    period_start: int | None = None
    period_end: int | None = None

    def matches(self, agency_key: str | None, start: int | None, end: int | None) -> bool:
        """Whether the version is the agency's (its folded name) and its period overlaps the years."""
        if agency_key and fold(self.agency or "") != agency_key:
            return False
        if start is not None and end is not None and self.period:
            bounds = parse_period(self.period)
            return bounds.start <= end and bounds.end >= start
        return True


def period_bounds(period: str | None) -> tuple[int | None, int | None]:
    """ "2025" or "2025-2029" -> (first year, last year); None -> (None, None); BadPeriod if bad."""
    if not period:
        return None, None
    bounds = parse_period(period)  # the cascade format's own reading
    return bounds.start, bounds.end


@dataclass(frozen=True)
class Pins:
    """The loads one answer was read from, with their scopes; at most one load per cascade."""

    scopes: dict[Pin, Scope]

    @property
    def loads(self) -> frozenset[Pin]:
        return frozenset(self.scopes)

    def load_of(self, cascade: str) -> str | None:
        return next((load for c, load in self.scopes if c == cascade), None)

    def scope(self, cascade: str, load: str) -> Scope:
        return self.scopes.get((cascade, load), Scope())

    def only(self, loads: Iterable[Pin]) -> Pins:
        """These pins, for `loads` only (what one part of a question read)."""
        wanted = set(loads)
        return Pins({pin: scope for pin, scope in self.scopes.items() if pin in wanted})


@cache
def statement_text(name: str) -> str:
    """The text of `cypher/<name>.cypher` as sent: its INCLUDE lines resolved (READABLE and an
    indicator's figures each stand in one file, `lineage.cypher` writes them in) and without its
    comment lines: they are for reviewers, and a question's statement is packed and sent on every
    request (half its bytes were comments)."""
    return "\n".join(line for line in cypher(name).splitlines() if not line.lstrip().startswith("//"))


def digest(loads: Iterable[Pin]) -> str:
    """A short fingerprint of a set of loads, for cursors."""
    return hashlib.sha256(json.dumps(sorted(loads)).encode()).hexdigest()[:32]


def cursor_pins(pins: Pins) -> dict[str, Any]:
    """What a cursor says of the loads its answer was read from: their digest, and the loads
    themselves when there are at most CURSOR_PINS."""
    payload: dict[str, Any] = {"d": digest(pins.loads)}
    if len(pins.loads) <= CURSOR_PINS:
        payload["p"] = [list(pin) for pin in sorted(pins.loads)]
    return payload


def named_pins(payload: dict[str, Any]) -> frozenset[Pin] | None:
    """The loads a cursor names (None: only their digest)."""
    named = payload.get("p")
    return frozenset((cascade, load) for cascade, load in named) if named is not None else None


def expect_pins(payload: dict[str, Any] | None, pins: Pins) -> None:
    """CursorExpired unless the answer was read from the loads the cursor was handed out for."""
    if payload is not None and payload.get("d") != digest(pins.loads):
        raise CursorExpired("the versions this cursor pages through have been replaced; start again without the cursor")


class Reading:
    """One attempt at a question inside its read transaction: runs the question's statements and
    records the loads their rows came from."""

    def __init__(self, tx: ManagedTransaction, database: str | None = None) -> None:
        self.tx = tx
        #: the database read (None: the server's default), for what a question keeps between reads
        self.database = database
        self.seen: set[Pin] = set()
        self.statements = 0
        #: the last check of loads run by the question itself (`states`), with its rows and the
        #: number of statements run before it: the end check need not repeat it
        self._checked: tuple[frozenset[Pin], int, list[Any]] | None = None

    def rows(self, statement: str, **parameters: Any) -> list[Record]:
        """Every row of `cypher/<statement>.cypher` (read to the end before anything else runs)."""
        return self.rows_of(statement_text(statement), statement, **parameters)

    def rows_of(self, text: str, name: str, **parameters: Any) -> list[Record]:
        """Every row of a statement whose text the caller took from a `.cypher` file (one with a
        bounded, validated number written into it, such as a walk's depth)."""
        records = list(self.tx.run(text, parameters))
        self.statements += 1
        hook = _after_statement.get()
        if hook is not None:
            hook(name)
        return records

    def row(self, statement: str, **parameters: Any) -> Record | None:
        records = self.rows(statement, **parameters)
        return records[0] if records else None

    def states(self, pins: Iterable[Pin]) -> dict[Pin, tuple[bool, bool]]:
        """Whether each load is readable, and whether it is the one that answers now (a question
        deciding whether something it kept still holds)."""
        loads = frozenset(pins)
        rows = self.rows("pins_readable", pins=[list(pin) for pin in sorted(loads)])
        self._checked = (loads, self.statements, rows)
        return {(r["cascade"], r["load"]): (r["readable"], r["active"]) for r in rows}

    def checked_in(self, rows: list[dict[str, Any]]) -> None:
        """The check a statement ran on the loads it read, last (the walks do: one round trip)."""
        loads = frozenset((r["cascade"], r["load"]) for r in rows)
        self._checked = (loads, self.statements, rows)

    def last_check(self) -> list[Any] | None:
        """The rows of a check the question ran last, of exactly the loads it has read."""
        if self._checked is None:
            return None
        loads, statements, rows = self._checked
        return rows if loads == frozenset(self.seen) and statements == self.statements else None

    def saw(self, pins: Iterable[Pin | tuple[str | None, str | None]]) -> None:
        """Record loads read (pairs with a None, from an absent node, are skipped)."""
        self.seen.update((c, load) for c, load in pins if c is not None and load is not None)


class _Unreadable(Exception):
    """Inside `read`: this attempt read a load that is not readable (or two loads of a cascade)."""


def read(
    driver: Driver,
    question: Callable[[Reading], T],
    *,
    database: str | None = None,
    cursor_pins: frozenset[Pin] | None = None,
    several_loads: bool = False,
) -> tuple[T, Pins]:
    """Answer `question` from one load per cascade (see the module docstring). `cursor_pins`: the
    loads a cursor names; the answer must have been read from exactly those, else CursorExpired.
    `several_loads`: the question compares loads of one cascade (a diff of two versions)."""
    for attempt in range(1, ATTEMPTS + 1):
        outcome = _attempt(driver, question, database, several_loads)
        if isinstance(outcome, str):
            reason = outcome
        elif cursor_pins is None or outcome[1].loads == cursor_pins:
            return outcome
        else:
            reason = "the cursor's loads are not the ones that answer this question now"
        if cursor_pins is not None:
            raise CursorExpired(
                "the version this cursor pages through has been replaced or deleted; start again without the cursor"
            )
        log.info("question read while a load was switched (attempt %d of %d): %s", attempt, ATTEMPTS, reason)
    raise ReloadRace(
        f"the cascades this question reads were reloaded during each of {ATTEMPTS} attempts to answer it; try again"
    )


def _attempt(
    driver: Driver, question: Callable[[Reading], T], database: str | None, several_loads: bool
) -> tuple[T, Pins] | str:
    """One read of the question and its check: the answer with its pins, or why it does not hold."""

    def work(tx: ManagedTransaction) -> tuple[T, Pins]:
        reading = Reading(tx, database)
        try:
            answer = question(reading)
        except Neo4jError:
            raise
        except Exception:
            # Not found, or a row missing under the question's feet: if a load it read is no
            # longer readable, that is why (ask again); else the failure stands.
            _check(reading, several_loads)
            raise
        return answer, _check(reading, several_loads)

    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session, _pipelined(session):
            return session.execute_read(work)
    except _Unreadable as exc:
        return str(exc)
    except Neo4jError as exc:
        if exc.code != _VANISHED and not _deleted_under_us(exc):
            raise
        return f"{exc.code}: {exc.message}"


def _pipelined(session: Session) -> AbstractContextManager[object]:
    """Send the transaction's BEGIN together with its first statement, not alone ahead of it: one
    round trip to the server less per question (a question is one statement, or a few, so that is
    a third of its round trips). The driver does so for its own `execute_query` through this
    session flag, which it does not publish for managed transactions; where a driver version lacks
    it, BEGIN goes alone, as before. A BEGIN the server refuses then fails with the first statement,
    inside the transaction function, where the driver's retry handles it the same way."""
    flag = getattr(session, "_pipelined_begin", None)
    return flag if isinstance(flag, AbstractContextManager) else nullcontext()


def _deleted_under_us(exc: Neo4jError) -> bool:
    """The form Neo4j gives the same event inside some operators: an execution failure naming a
    deleted entity."""
    return exc.code == "Neo.DatabaseError.Statement.ExecutionFailed" and "delete" in (exc.message or "").lower()


def _check(reading: Reading, several_loads: bool = False) -> Pins:
    """The end of every question: each load read is READABLE, and one load per cascade."""
    cascades = [cascade for cascade, _ in reading.seen]
    if not several_loads and len(cascades) != len(set(cascades)):
        raise _Unreadable(f"two loads of one cascade were read: {sorted(reading.seen)}")
    if not reading.seen:
        return Pins({})
    rows = reading.last_check() or reading.rows("pins_readable", pins=[list(pin) for pin in sorted(reading.seen)])
    unreadable = [(r["cascade"], r["load"]) for r in rows if not r["readable"]]
    if unreadable:
        raise _Unreadable(f"loads no longer readable: {unreadable}")
    return Pins({(r["cascade"], r["load"]): Scope(**(r["scope"] or {})) for r in rows})


# -- for tests: something done by another client between a question's statements ---------------

_after_statement: ContextVar[Callable[[str], None] | None] = ContextVar("after_statement", default=None)


@contextmanager
def between_statements(action: Callable[[str], None]) -> Iterator[None]:
    """Call `action(statement name)` after each statement a question runs (in this context), so a
    test can reload or delete a cascade in the middle of a question, from another session."""
    token = _after_statement.set(action)
    try:
        yield
    finally:
        _after_statement.reset(token)
