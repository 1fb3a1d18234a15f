"""What becomes of a load after it stops answering: retired, then doomed, then deleted; and the
one predicate readers check (the LOAD CONTRACT, docs/loads.md).

Why this way. A Neo4j read transaction is read-committed, not a snapshot: a question that pinned
a load and reads it in several statements sees nodes vanish if they are deleted meanwhile. So a
replaced load is not deleted at once: it stays *retired* (readable) for a grace period
(`LINEAGE_RETIRED_GRACE_SECONDS`), long enough for the questions and cursors that pinned it to
finish. And no node is ever deleted before its load is marked *doomed* in a committed transaction
of its own: a reader that checks `is_readable` at the end of its read transaction then knows
whether everything it read stayed in place throughout (doomed loads are not readable).

Only the holder of the cascade's claim (`lineage.claims`) changes these lists: the load that
replaced the version (which collects what has expired when it is done), `lineage delete`, and the
janitor the API runs for cascades nobody reloads.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from lineage.claims import JANITOR, LoadInProgress, claim
from lineage.cypher import cypher

log = logging.getLogger(__name__)

T = TypeVar("T")

#: How many times a question about the current version is asked again when the load it read was
#: replaced and deleted meanwhile (each attempt reads the load current when it starts).
READ_ATTEMPTS = 3


class LoadGone(RuntimeError):
    """The load a question read stopped being readable while it was read, attempt after attempt."""


class _Moved(Exception):
    """Inside one read: the pinned load is no longer readable."""


def is_readable(tx: ManagedTransaction, cascade_id: str, load: str) -> bool:
    """Whether a reader that pinned `load` of `cascade_id` may trust what it read (run it last,
    in the same read transaction)."""
    record = tx.run(cypher("load_is_readable"), cascade=cascade_id, load=load).single()
    return bool(record and record["readable"])


def read_pinned(
    driver: Driver,
    database: str | None,
    cascade_id: str,
    load: str | None,
    body: Callable[[ManagedTransaction, str | None], T],
) -> T:
    """`body(tx, pinned)` in one read transaction, on one load: `load` when given, else the one
    that answers now (None when the cascade has none: `body` then says what is not found). At the
    end of the same transaction the pinned load must still be READABLE; if it is not (or `body`
    failed because its nodes went), a question about the current version is asked again, and a
    question about a given load fails with `LoadGone`."""
    for _ in range(READ_ATTEMPTS):
        with driver.session(database=database) as session:
            try:
                return session.execute_read(_read_pinned, cascade_id, load, body)
            except _Moved:
                if load is not None:
                    raise LoadGone(
                        f"version {load!r} of cascade {cascade_id!r} was deleted while it was read"
                    ) from None
    raise LoadGone(f"cascade {cascade_id!r} was reloaded {READ_ATTEMPTS} times while it was read")


def _read_pinned(
    tx: ManagedTransaction, cascade_id: str, load: str | None, body: Callable[[ManagedTransaction, str | None], T]
) -> T:
    record = tx.run(cypher("pinned_load"), cascade=cascade_id, load=load).single()
    pinned: str | None = record["load"] if record else None
    if pinned is None:
        return body(tx, None)
    try:
        answer = body(tx, pinned)
    except Exception:
        if not is_readable(tx, cascade_id, pinned):
            raise _Moved from None
        raise
    if not is_readable(tx, cascade_id, pinned):
        raise _Moved
    return answer


@dataclass
class Collected:
    """The loads of one cascade that a collection deleted, by why they went."""

    #: replaced loads whose grace had run out
    expired: list[str] = field(default_factory=list)
    #: loads doomed by a deletion that was interrupted
    doomed: list[str] = field(default_factory=list)
    #: nodes of loads that died before their switch (a killed or failed load)
    remains: list[str] = field(default_factory=list)

    def loads(self) -> list[str]:
        return [*self.expired, *self.doomed, *self.remains]


def collect(driver: Driver, cascade_id: str, database: str | None) -> Collected:
    """Under the cascade's claim: delete every load of it that is no longer readable or whose
    grace has run out (see `loads_to_collect.cypher`). Returns what went."""
    records = driver.execute_query(cypher("loads_to_collect"), cascade=cascade_id, database_=database).records
    if not records:
        return Collected()
    found = Collected(list(records[0]["expired"]), list(records[0]["doomed"]), list(records[0]["remains"]))
    delete_loads(driver, cascade_id, found.loads(), database)
    if found.remains:
        log.warning("cascade %s: removed the remains of interrupted load(s) %s", cascade_id, ", ".join(found.remains))
    return found


def delete_loads(driver: Driver, cascade_id: str, loads: list[str], database: str | None) -> None:
    """Doom `loads` (committed first), delete their nodes in batches, then forget them. Under the
    cascade's claim. Interrupted half-way, the loads stay doomed and the next collection finishes."""
    if not loads:
        return
    driver.execute_query(cypher("doom_loads"), cascade=cascade_id, loads=loads, database_=database)
    with driver.session(database=database) as session:  # CALL {} IN TRANSACTIONS needs auto-commit
        session.run(cypher("delete_loads"), cascade=cascade_id, loads=loads).consume()
    driver.execute_query(cypher("forget_doomed"), cascade=cascade_id, loads=loads, database_=database)


def sweep(driver: Driver, database: str | None) -> dict[str, Collected]:
    """One round of the janitor: collect every cascade with an expired retired load or a doomed
    one. A cascade being loaded is skipped: its load collects when it is done."""
    records = driver.execute_query(cypher("cascades_to_collect"), database_=database).records
    done: dict[str, Collected] = {}
    for cascade_id in records[0]["cascades"] if records else []:
        try:
            held = claim(driver, cascade_id, f"{JANITOR}{uuid.uuid4().hex[:8]}", database)
        except LoadInProgress:
            continue
        try:
            done[cascade_id] = collect(driver, cascade_id, database)
        finally:
            held.release()
    return done


class Janitor:
    """Runs `sweep` every `interval` seconds in a daemon thread, for as long as the API runs, so
    replaced loads of cascades that nobody reloads do not stay in the database for ever."""

    def __init__(self, driver: Driver, database: str | None, interval: float) -> None:
        self._driver = driver
        self._database = database
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lineage-janitor", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                for cascade_id, collected in sweep(self._driver, self._database).items():
                    log.info("janitor: cascade %s: deleted load(s) %s", cascade_id, ", ".join(collected.loads()))
            except (ServiceUnavailable, SessionExpired) as exc:
                log.warning("janitor: Neo4j cannot be reached (%s); trying again in %s s", exc, self._interval)
            except Exception:  # a bug: log it, and try again next round
                log.exception("janitor: the sweep failed; trying again in %s s", self._interval)


def janitor_interval(grace_seconds: float) -> float:
    """How often the janitor looks: a quarter of the grace, between 1 s and 30 s, so a load is
    deleted at most a few seconds (at most 30) after its grace has run out."""
    return min(30.0, max(1.0, grace_seconds / 4))
