"""Load a validated cascade into Neo4j: all of it, or nothing.

How, and why this way. A cascade of 100,000 indicators does not fit in one Neo4j transaction, so
the new version is written beside the old one, in batches (`UNWIND $rows`) of their own
transactions, every node tagged with this load's id. Queries only read the load the `Cascade`
node points at (`active_load`), so while the batches are written they still answer from the old
version. One small transaction then points the cascade at the new load and *retires* the old
one: it stays readable for a grace period, for the questions that pinned it, and is deleted after
it (`lineage.lifecycle`: every deletion is announced by marking the load *doomed* first). If
anything fails before the switch, this load's nodes are deleted and the database is as it was;
the remains of a load killed outright are collected by the next load of that cascade. A claim on
the `Cascade` node (`lineage.claims`) keeps two loads of one cascade from interleaving.

Versions. A load replaces the version of the same label (`Cascade.version`; no label is a label
too). A load with another label keeps the version it displaces as a `(:CascadeVersion)` record
pointing at its load, so it stays queryable (`lineage.versions`); the new load is current.

Links across cascades. An agency's targets serve the region's RPJMD goals, held in another
cascade (`Element.external_parent`). Those links join current versions only, and are remade in
the switch transaction whenever either side is loaded: the old version's links go, the new
version is linked both ways. So either side can be reloaded without losing them.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from lineage import changes
from lineage.cascade import Cascade, CascadeLinks
from lineage.cascade.model import Indicator
from lineage.changes import Action, Actor
from lineage.claims import Claim, LoadInProgress, claim
from lineage.cypher import cypher, cypher_statements
from lineage.ids import uid
from lineage.lifecycle import Collected, collect, delete_loads
from lineage.progress import Progress
from lineage.settings import get_settings
from lineage.sources import Source
from lineage.text import fold

__all__ = ["LoadInProgress", "LoadReport", "WouldShrink", "delete_cascade", "ensure_schema", "load_cascade", "uid"]

log = logging.getLogger(__name__)

BATCH_SIZE = 5_000

Row = dict[str, Any]


@dataclass
class LoadReport:
    cascade: str
    load: str
    positions: int = 0
    elements: int = 0
    indicators: int = 0
    element_links: int = 0
    indicator_links: int = 0
    #: True when an earlier version of the cascade was replaced
    replaced: bool = False
    #: The label of this load's version (None: unlabelled)
    version: str | None = None
    #: The version label ("" for unlabelled) of the displaced version, when it was kept
    kept_version: str | None = None
    #: Links made to and from other cascades' current versions
    links_across: int = 0
    #: Loads this one replaced: readable for the grace period still, then deleted
    retired: list[str] = field(default_factory=list)
    #: Replaced loads whose grace had run out, deleted by this load
    deleted: list[str] = field(default_factory=list)
    #: Loads that died before their switch (killed, failed) whose remains this load removed
    removed_remains: list[str] = field(default_factory=list)
    #: The claim of another load this one took over (its owner had died, its lease had run out,
    #: or the operator took it over), said for people; None when the cascade was free
    took_over: str | None = None


class WouldShrink(RuntimeError):
    """A load that would remove more than the allowed share of its cascade's indicators, unforced."""

    def __init__(self, cascade_id: str, removed: list[tuple[str, str]], loaded: int, limit: float) -> None:
        self.cascade = cascade_id
        self.removed = [{"id": i, "name": n} for i, n in removed]
        self.loaded = loaded
        named = ", ".join(f"{i} ({n!r})" for i, n in removed[:3])
        more = f" and {len(removed) - 3} more" if len(removed) > 3 else ""
        super().__init__(
            f"this load would remove {len(removed)} of the {loaded} indicators ({len(removed) / loaded:.0%}) of "
            f"cascade {cascade_id!r}, more than the {limit:.0%} allowed; nothing was loaded. Check the file (a dry "
            f"run lists what would change); to load it anyway, confirm it (--yes, force=true). It would remove "
            f"{named}{more}"
        )


@dataclass(frozen=True)
class Replacement:
    """What a load of a cascade's version would replace (`replaces`: a load, or None) and what
    answers now."""

    replaces: str | None
    active_load: str | None
    active_version: str | None


def version_to_replace(driver: Driver, cascade: Cascade, database: str | None = None) -> Replacement:
    records = driver.execute_query(
        cypher("version_to_replace"), cascade=cascade.id, version=cascade.version or "", database_=database
    ).records
    if not records:
        return Replacement(None, None, None)
    return Replacement(records[0]["replaces"], records[0]["active_load"], records[0]["active_version"])


def refuse_shrinking(driver: Driver, cascade: Cascade, limit: float, database: str | None) -> None:
    """Raise `WouldShrink` when the load would remove more than `limit` of the indicators of the
    version it replaces (judged by id; a version kept beside it loses nothing)."""
    replaces = version_to_replace(driver, cascade, database).replaces
    if replaces is None:
        return
    records = driver.execute_query(cypher("load_indicators"), cascade=cascade.id, load=replaces, database_=database)
    loaded = {r["id"]: r["name"] for r in records.records}
    new = {i.id for i in cascade.indicators}
    removed = sorted((i, name) for i, name in loaded.items() if i not in new)
    if loaded and len(removed) / len(loaded) > limit:
        raise WouldShrink(cascade.id, removed, len(loaded), limit)


def ensure_schema(driver: Driver, database: str | None = None) -> None:
    for statement in cypher_statements("schema"):
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def load_cascade(
    driver: Driver,
    cascade: Cascade,
    *,
    source: Source | None = None,
    database: str | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    retired_grace: float | None = None,
    take_over: bool = False,
    actor: Actor | None = None,
    action: Action | None = None,
    force: bool = False,
) -> LoadReport:
    """Make `cascade` the version that answers for its id, replacing any earlier one. The
    replaced version stays readable for `retired_grace` seconds (default: the setting
    LINEAGE_RETIRED_GRACE_SECONDS), then goes with the next load or the API's janitor.
    `take_over`: take the cascade's claim even from a live load (the operator's way out of a
    stuck one; that load then stops before its switch). The switch records the load in the
    change log as `action` by `actor` (default: as `changes.acting_as` says, else a load by this
    process's OS user). Unless `force`d, a load that would remove more than LINEAGE_MAX_REMOVED_SHARE
    of the indicators of the version it replaces is refused (`WouldShrink`) before it writes.
    `source` says which file it came from (`lineage.cascade.read_cascade_file`)."""
    grace = get_settings().retired_grace_seconds if retired_grace is None else retired_grace
    ensure_schema(driver, database)
    load_id = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    held = claim(driver, cascade.id, load_id, database, take_over=take_over)
    report = LoadReport(cascade.id, load_id, version=cascade.version, took_over=held.took_over)
    try:
        if not force:
            refuse_shrinking(driver, cascade, get_settings().max_removed_share, database)
        _note_collected(report, collect(driver, cascade.id, database))
        _write(driver, cascade, load_id, report, batch_size, progress, database, held)
        held.check()
        previous, previous_version = held.active_load, held.active_version
        keep = previous is not None and (previous_version or "") != (cascade.version or "")
        order = Switch(
            cascade.id,
            load_id,
            cascade_properties(cascade, source),
            previous,
            keep,
            cascade.version,
            grace,
            *changes.current(actor, action),
        )
        with driver.session(database=database) as session:
            report.retired = session.execute_write(_switch, order, report)
    except BaseException as exc:
        _abandon(driver, held, database, exc)
        raise
    if keep:
        report.kept_version = previous_version or ""
    report.replaced = bool(report.retired)
    _finish(driver, held, report, database)
    return report


def _abandon(driver: Driver, held: Claim, database: str | None, cause: BaseException) -> None:
    """After a failure before the switch nothing reads this load: remove it, and the claim. A
    switch that committed but whose answer was lost (the driver then retried it) has made this
    load the current one: that load stays. With Neo4j unreachable nothing can be removed: the
    claim, no longer renewed, is free once this process ends or its lease runs out, and the next
    load removes the rest. The caller hears of the first failure, never of this clean-up's."""
    held.stop_renewing()
    if isinstance(cause, (ServiceUnavailable, SessionExpired)):
        log.warning("cascade %s: Neo4j unreachable; the next load removes what load %s wrote", held.cascade, held.token)
        return
    try:
        if not _is_active(driver, held.cascade, held.token, database):
            delete_loads(driver, held.cascade, [held.token], database)
            held.release()
    except Exception as exc:
        log.warning(
            "cascade %s: could not remove the failed load %s (%s); the next load will", held.cascade, held.token, exc
        )


def _finish(driver: Driver, held: Claim, report: LoadReport, database: str | None) -> None:
    """After the switch: delete what has expired (the replaced load too, with no grace), then
    give the claim back. The load has succeeded whatever happens here: a failure is logged, and
    whatever is left is collected by the next load or the janitor."""
    try:
        _note_collected(report, collect(driver, held.cascade, database))
    except Exception:
        log.warning("cascade %s: loaded, but deleting replaced loads failed; the next load will", held.cascade)
    finally:
        try:
            held.release()
        except Exception:
            log.warning("cascade %s: loaded, but its claim could not be given back", held.cascade)


def _note_collected(report: LoadReport, collected: Collected) -> None:
    report.deleted += collected.expired + collected.doomed
    report.removed_remains += collected.remains


@dataclass(frozen=True)
class Switch:
    """What the switch transaction does: make `load` answer for `cascade`, keep the previous
    version (`keep`) or retire it for `grace` seconds, and record it as `action` by `actor`."""

    cascade: str
    load: str
    properties: Row
    previous: str | None
    keep: bool
    version: str | None
    grace: float
    actor: Actor
    action: Action


def _switch(tx: ManagedTransaction, order: Switch, report: LoadReport) -> list[str]:
    """The one small transaction that makes the load current: keeps the previous version or
    retires it, retires a kept version of the same label, moves the links across cascades, points
    the cascade at the new load, records the change. Returns the loads it retired.

    The driver retries this function when a commit's answer is lost; if that commit went through,
    the load is current already and repeating the switch would undo it: then there is nothing to do.
    """
    cascade_id, previous = order.cascade, order.previous
    if tx.run(cypher("load_is_active"), cascade=cascade_id, load=order.load).single(strict=True)["active"]:
        return []
    obsolete = tx.run(cypher("drop_kept_version"), cascade=cascade_id, version=order.version or "").single(strict=True)
    if order.keep:
        tx.run(cypher("keep_version"), cascade=cascade_id, previous=previous).consume()
    if previous:
        tx.run(cypher("unlink_across"), cascade=cascade_id, previous=previous, prefix=f"{cascade_id}:").consume()
    retire: list[str] = [*obsolete["loads"], *([previous] if previous and not order.keep else [])]
    activated = tx.run(
        cypher("activate_load"),
        cascade=cascade_id,
        load=order.load,
        properties=order.properties,
        retire=retire,
        grace=order.grace,
    ).single()
    if activated is None:
        raise LoadInProgress(f"cascade {cascade_id!r}: this load's claim was taken over by another load")
    report.links_across = tx.run(
        cypher("link_across"), cascade=cascade_id, load=order.load, prefix=f"{cascade_id}:"
    ).single(strict=True)["linked"]
    changes.record(tx, order.actor, order.action, cascade_id, load=order.load, details=_details(order, report, retire))
    return retire


def _details(order: Switch, report: LoadReport, retired: list[str]) -> dict[str, Any]:
    """What the change log keeps of a load."""
    counts = ("positions", "elements", "indicators", "element_links", "indicator_links", "links_across")
    return {
        "version": order.version,
        "file": order.properties.get("file"),
        "counts": {what: getattr(report, what) for what in counts},
        "kept_load": order.previous if order.keep else None,
        "retired": retired,
        "took_over": report.took_over,
        "removed_remains": report.removed_remains,
    }


def delete_cascade(
    driver: Driver,
    cascade_id: str,
    *,
    keep_realisations: bool = False,
    database: str | None = None,
    actor: Actor | None = None,
) -> bool:
    """Remove a cascade, every load and kept version of it, and (unless kept) the realisations
    entered for it; False when there was no such cascade. Its loads are doomed before any node
    goes, so a reader that pinned one learns that its answer may be incomplete. The last step
    records the delete in the change log (by `actor`, default as `changes.acting_as` says, else
    this process's OS user)."""
    held = claim(driver, cascade_id, f"delete-{uuid.uuid4().hex[:8]}", database)
    try:
        records = driver.execute_query(cypher("cascade_loads"), cascade=cascade_id, database_=database).records
        loads: list[str] = records[0]["loads"]
        delete_loads(driver, cascade_id, loads, database)
        if not keep_realisations:
            with driver.session(database=database) as session:  # CALL {} IN TRANSACTIONS needs auto-commit
                session.run(cypher("delete_realisations"), cascade=cascade_id).consume()
        held.check()
        details = {"loads": loads, "realisations_kept": keep_realisations}
        with driver.session(database=database) as session:
            session.execute_write(_delete_last_step, held, changes.current(actor)[0], details)
    finally:
        held.release()
    return held.active_load is not None


def _delete_last_step(tx: ManagedTransaction, held: Claim, actor: Actor, details: dict[str, Any]) -> None:
    """The cascade node goes, and the delete is recorded, in one transaction (when there was one)."""
    tx.run(cypher("delete_cascade_node"), cascade=held.cascade, load=held.token).consume()
    if held.active_load is not None:
        changes.record(tx, actor, "delete", held.cascade, load=held.active_load, details=details)


def _is_active(driver: Driver, cascade_id: str, load_id: str, database: str | None) -> bool:
    records = driver.execute_query(cypher("load_is_active"), cascade=cascade_id, load=load_id, database_=database)
    return bool(records.records[0]["active"])


def _write(
    driver: Driver,
    cascade: Cascade,
    load_id: str,
    report: LoadReport,
    batch_size: int,
    progress: Progress | None,
    database: str | None,
    held: Claim,
) -> None:
    links = CascadeLinks.of(cascade)
    rows = Rows(cascade, links)
    # Rows are made a batch at a time, as they are written: a million indicators' rows at once
    # would be gigabytes beside the cascade they are made from.
    steps: list[tuple[str, str, int, Iterator[Row]]] = [
        ("positions", "write_positions", len(cascade.positions), rows.positions()),
        ("elements", "write_elements", len(cascade.elements), rows.elements()),
        ("element_links", "write_element_links", len(links.element_parent), rows.element_links()),
        ("indicators", "write_indicators", len(cascade.indicators), rows.indicators()),
        (
            "indicator_links",
            "write_indicator_links",
            sum(map(len, links.indicator_parents.values())),
            rows.indicator_links(),
        ),
    ]
    with driver.session(database=database) as session:
        for what, statement, total, items in steps:
            done = 0
            while batch := list(islice(items, batch_size)):
                # Each batch is retried as a whole on a transient error; CREATE of a batch that
                # rolled back cannot leave duplicates, so the work is safe to repeat.
                held.check()
                session.execute_write(_write_batch, cypher(statement), batch, load_id)
                done += len(batch)
                if progress:
                    progress(what, done, total)
            setattr(report, what, done)


def _write_batch(tx: ManagedTransaction, statement: str, rows: list[Row], load_id: str) -> None:
    """One batch of one statement; a function of its arguments only, so a retry repeats exactly it."""
    tx.run(statement, rows=rows, load=load_id).consume()


def cascade_properties(cascade: Cascade, source: Source | None) -> Row:
    return _without_none(
        {
            "agency": cascade.agency,
            "agency_key": fold(cascade.agency),
            "region": cascade.region,
            "region_key": fold(cascade.region),
            "version": cascade.version,
            "period": str(cascade.period),
            "period_start": cascade.period.start,
            "period_end": cascade.period.end,
            "source": cascade.source,
            "file": source.file if source else None,
            "sha256": source.sha256 if source else None,
            "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )


class Rows:
    """The parameter rows for each Cypher statement, derived from the model and its links, made as
    they are read (each method gives a fresh iterator)."""

    def __init__(self, cascade: Cascade, links: CascadeLinks) -> None:
        self.cascade = cascade
        self.links = links
        self.elements_by_id = {e.id: e for e in cascade.elements}

    def _uid(self, local_id: str | None) -> str | None:
        return uid(self.cascade, local_id) if local_id else None

    def positions(self) -> Iterator[Row]:
        return (
            {"uid": self._uid(p.id), "id": p.id, "cascade": self.cascade.id, "name": p.name, "tier": p.tier.value}
            for p in self.cascade.positions
        )

    def elements(self) -> Iterator[Row]:
        """`seq` keeps the file's order, which is the diagram's reading order."""
        return (
            {
                "label": e.kind.label,
                "owner": self._uid(e.owner),
                "properties": _without_none(
                    {
                        "uid": self._uid(e.id),
                        "id": e.id,
                        "cascade": self.cascade.id,
                        "kind": e.kind.value,
                        "level": e.kind.level,
                        "seq": seq,
                        "name": e.name,
                        "code": e.code,
                        "note": e.note,
                        "external_parent": e.external_parent,
                        "budget_json": json.dumps({str(y): v for y, v in sorted(e.budget.items())})
                        if e.budget
                        else None,
                    }
                ),
            }
            for seq, e in enumerate(self.cascade.elements)
        )

    def element_links(self) -> Iterator[Row]:
        return ({"child": self._uid(c), "parent": self._uid(p)} for c, p in self.links.element_parent.items())

    def indicators(self) -> Iterator[Row]:
        return (
            {
                "owner": self._uid(self.links.owner[i.id]),
                "measures": self._uid(i.measures),
                "properties": _without_none(
                    {
                        "uid": self._uid(i.id),
                        "id": i.id,
                        "cascade": self.cascade.id,
                        "seq": seq,
                        "name": i.name,
                        "unit": i.unit,
                        "note": i.note,
                        "also_written_as": list(i.also_written_as),
                        "search_key": fold(i.name),
                        "search_text": "\n".join(fold(n) for n in [i.name, *i.also_written_as]),
                        **indicator_data_properties(i),
                        "external_parent": self._external_parent(i),
                    }
                ),
            }
            for seq, i in enumerate(self.cascade.indicators)
        )

    def _external_parent(self, indicator: Indicator) -> str | None:
        """The other cascade's element whose indicators this one rolls up into by the format's
        default rule (its element serves that element and it names no `contributes_to`)."""
        if indicator.contributes_to is not None or not indicator.measures:
            return None
        return self.elements_by_id[indicator.measures].external_parent

    def indicator_links(self) -> Iterator[Row]:
        return ({"child": self._uid(c), "parent": self._uid(p)} for c, p in self.links.indicator_edges())


def indicator_data_properties(indicator: Indicator) -> Row:
    """The indicator manual fields as node properties, and its figures (baseline, targets,
    realisations, with their counts) as one JSON property: Neo4j properties cannot hold maps,
    and the figures are read whole, by `lineage.series`."""
    figures = indicator.model_dump(
        mode="json", include={"baseline", "baseline_year", "targets", "realisations"}, exclude_none=True
    )
    has_figures = indicator.baseline or indicator.targets or indicator.realisations
    return {
        "type": indicator.type.value if indicator.type else None,
        "polarity": indicator.polarity.value if indicator.polarity else None,
        "definition": indicator.definition,
        "formula": indicator.formula,
        "data_source": indicator.data_source,
        "frequency": indicator.frequency,
        "data_json": json.dumps(figures, sort_keys=True) if has_figures else None,
    }


def _without_none(properties: Row) -> Row:
    return {k: v for k, v in properties.items() if v is not None}
