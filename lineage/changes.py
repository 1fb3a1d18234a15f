"""The change log: a record in Neo4j of every write, who made it, when, and what it changed.

Why in the graph, and inside the write's own transaction: an auditor asking who replaced an
agency's Renstra, or who corrected a realisation from 71.5 to 75, must get an answer that cannot
be out of step with the data. Each load, import, delete and realisation writes its `(:Change)` in
the transaction that makes the write (the load's switch, the delete's last step, the
realisation's own), so there is no write without its record and no record of a write that did
not happen. Who: the name of the API token, or the operating-system user of the command line.
"""

from __future__ import annotations

import getpass
import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from neo4j import Driver, ManagedTransaction
from pydantic import BaseModel, Field

from lineage.cypher import cypher

Action = Literal["load", "import", "delete", "realisation"]
#: Where a listing starts without `since`: before any change; and after every one.
_BEGINNING = "0001-01-01T00:00:00Z"
_END = "9999-12-31T23:59:59.999999999Z"


@dataclass(frozen=True)
class Actor:
    """Who writes: an API token's name, or an operating-system user; and through what."""

    who: str
    kind: Literal["token", "user"]
    #: "api", "cli", or "python" (a script calling the library)
    via: str

    @classmethod
    def os_user(cls, via: str = "python") -> Actor:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(f"{user}@{socket.gethostname()}", "user", via)

    @classmethod
    def token(cls, name: str) -> Actor:
        return cls(name, "token", "api")


#: Who writes, and as what, for writes made without saying (`acting_as`).
_acting: ContextVar[tuple[Actor, Action] | None] = ContextVar("lineage_acting", default=None)


@contextmanager
def acting_as(actor: Actor, action: Action | None = None) -> Iterator[None]:
    """Writes made inside (in this thread or task) are recorded as by `actor`, loads as `action`:
    so an import, which loads through the importers, is recorded as the API token's import."""
    current = _acting.get()
    token = _acting.set((actor, action or (current[1] if current else "load")))
    try:
        yield
    finally:
        _acting.reset(token)


def current(actor: Actor | None = None, action: Action | None = None) -> tuple[Actor, Action]:
    """Who writes and as what: as given, else as `acting_as` says, else this process's OS user
    making a load."""
    acting = _acting.get()
    return (
        actor or (acting[0] if acting else Actor.os_user()),
        action or (acting[1] if acting else "load"),
    )


def record(
    tx: ManagedTransaction,
    actor: Actor,
    action: Action,
    cascade: str,
    *,
    load: str | None = None,
    indicator: str | None = None,
    year: int | None = None,
    quarter: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Write the record of one change, in `tx`: the transaction that makes the change."""
    tx.run(
        cypher("record_change"),
        who=actor.who,
        who_kind=actor.kind,
        via=actor.via,
        action=action,
        cascade=cascade,
        load=load,
        indicator=indicator,
        year=year,
        quarter=quarter,
        before=None if before is None else json.dumps(before, sort_keys=True),
        after=None if after is None else json.dumps(after, sort_keys=True),
        details=None if details is None else json.dumps(details, sort_keys=True),
    ).consume()


class Change(BaseModel):
    """One write, as the change log keeps it."""

    id: str
    at: str = Field(description="When (ISO 8601, UTC), as Neo4j's clock had it.")
    who: str = Field(description="The API token's name, or the OS user (user@host) of the command line.")
    who_kind: Literal["token", "user"]
    via: str = Field(description='"api", "cli", or "python" (a script calling the library).')
    action: Action
    cascade: str
    load: str | None = Field(None, description="The load written (load, import) or None.")
    indicator: str | None = Field(None, description="The indicator (realisations).")
    year: int | None = None
    quarter: int | None = Field(None, description="0: the whole year.")
    before: dict[str, Any] | None = Field(None, description="A realisation's value before (None: there was none).")
    after: dict[str, Any] | None = Field(None, description="A realisation's value after.")
    details: dict[str, Any] = Field(default_factory=dict, description="What a load, import or delete did.")


class ChangePage(BaseModel):
    items: list[Change]
    next_cursor: str | None = Field(None, description="Pass back as `cursor` for the next page; None: the last page.")


def list_changes(
    driver: Driver,
    *,
    cascade: str | None = None,
    since: datetime | None = None,
    limit: int = 100,
    after: tuple[str, str] | None = None,
    database: str | None = None,
) -> tuple[list[Change], tuple[str, str] | None]:
    """Changes oldest first, from `since`, after the change `after` ((at, id) of the last one
    of the previous page); and the (at, id) to continue after, None on the last page."""
    start = after[0] if after else _instant(since) if since else _BEGINNING
    records = driver.execute_query(
        cypher("list_changes"),
        {"from": start, "cascade": cascade, "limit": limit + 1, "after_id": after[1] if after else None},
        database_=database,
        routing_="r",
    ).records
    changes = [_change(r["change"]) for r in records[:limit]]
    more = len(records) > limit
    return changes, (changes[-1].at, changes[-1].id) if more and changes else None


def _instant(moment: datetime) -> str:
    """`moment` in UTC as Neo4j reads it (any offset Python allows, which Neo4j may not; a naive
    time is UTC), clamped to the years both know."""
    try:
        utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except OverflowError:
        return _BEGINNING if moment.year == 1 else _END
    return utc.isoformat()


def _change(props: dict[str, Any]) -> Change:
    return Change(
        **{k: v for k, v in props.items() if not k.endswith("_json")},
        before=_json(props.get("before_json")),
        after=_json(props.get("after_json")),
        details=_json(props.get("details_json")) or {},
    )


def _json(text: str | None) -> dict[str, Any] | None:
    return None if text is None else dict(json.loads(text))
