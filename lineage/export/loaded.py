"""A loaded cascade read back from Neo4j as the `Cascade` model, for the exports.

Why the model and not the answers: an export holds everything a cascade file holds (targets,
budgets, owners, links), and writing it from the model means the same exporter serves a file not
yet loaded and a cascade in the database. The read follows the LOAD CONTRACT (docs/loads.md): one
load is pinned (the current one, or the kept version asked for), every statement reads that load
in one read transaction, and the load is checked READABLE at its end; a current load replaced
meanwhile is read again, from the load that answers then.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from neo4j import Driver, ManagedTransaction

from lineage.cascade.model import Cascade, Element, Indicator, Position, Realisation
from lineage.cypher import cypher
from lineage.errors import NotFound

log = logging.getLogger(__name__)

#: Times a read is tried again when the current load was replaced while it ran.
ATTEMPTS = 3


class LoadGone(RuntimeError):
    """The version asked for was deleted while it was read."""


def read_loaded(driver: Driver, cascade_id: str, *, load: str | None = None, database: str | None = None) -> Cascade:
    """The cascade as load `load` (default: the current one) holds it."""
    for _ in range(ATTEMPTS):
        with driver.session(database=database, default_access_mode="READ") as session:
            found = session.execute_read(_read, cascade_id, load)
        if found is not None:
            return found
        if load is not None:
            raise LoadGone(f"the version of {cascade_id!r} asked for was deleted while it was read")
        log.info("cascade %s was replaced while it was read; reading the new version", cascade_id)
    raise LoadGone(f"cascade {cascade_id!r} was replaced {ATTEMPTS} times while it was read; try again")


def _read(tx: ManagedTransaction, cascade_id: str, asked: str | None) -> Cascade | None:
    pinned = tx.run(cypher("pinned_load"), cascade=cascade_id, load=asked).single()
    if pinned is None:
        raise NotFound(f"no cascade has the id {cascade_id!r}; list them with `lineage cascades`")
    load = pinned["load"]
    params = {"cascade": cascade_id, "load": load}
    head = tx.run(cypher("export_cascade"), **params).single()
    positions = [dict(r) for r in tx.run(cypher("export_positions"), **params)]
    elements = [dict(r) for r in tx.run(cypher("export_elements"), **params)]
    indicators = [dict(r) for r in tx.run(cypher("export_indicators"), **params)]
    readable = tx.run(cypher("load_is_readable"), **params).single()
    if head is None or readable is None or not readable["readable"]:
        return None
    about = head["kept"] if head["current"]["active_load"] != load and head["kept"] else head["current"]
    return Cascade(
        id=cascade_id,
        version=about.get("version"),
        agency=about["agency"],
        region=about["region"],
        period=about["period"],
        source=head["current"].get("source"),
        positions=[Position(**p) for p in positions],
        elements=[_element(r) for r in elements],
        indicators=_indicators(indicators, elements),
    )


def _element(record: dict[str, Any]) -> Element:
    e = record["element"]
    return Element(
        id=e["id"],
        kind=e["kind"],
        name=e["name"],
        code=e.get("code"),
        parent=record["parent"],
        external_parent=e.get("external_parent"),
        owner=record["owner"],
        budget={int(year): amount for year, amount in json.loads(e.get("budget_json") or "{}").items()},
        note=e.get("note"),
    )


def _indicators(records: list[dict[str, Any]], elements: list[dict[str, Any]]) -> list[Indicator]:
    """Each indicator's `contributes_to` left out when its links are the format's default (every
    indicator of its element's parent), as a file would write it; its owner left out when it is its
    element's."""
    parent_of = {r["element"]["id"]: r["parent"] for r in elements}
    outside_of = {r["element"]["id"]: r["element"].get("external_parent") for r in elements}
    owner_of = {r["element"]["id"]: r["owner"] for r in elements}
    of_element: dict[str, list[str]] = {}
    for r in records:
        if r["measures"]:
            of_element.setdefault(r["measures"], []).append(r["indicator"]["id"])
    out = []
    for r in records:
        i, measures = r["indicator"], r["measures"]
        links = r["contributes_to"]
        if measures is None:
            by_default = not links
        elif parent_of.get(measures) is None and outside_of.get(measures):
            # the default rolls it up into the other cascade; the loader marked it so
            by_default = bool(i.get("external_parent")) and not links
        else:
            by_default = set(links) == set(of_element.get(parent_of.get(measures) or "", []))
        figures = json.loads(i.get("data_json") or "{}")
        out.append(
            Indicator(
                id=i["id"],
                name=i["name"],
                measures=measures,
                contributes_to=None if by_default else sorted(links, key=_order(records)),
                owner=None if measures and r["owner"] == owner_of.get(measures) else r["owner"],
                unit=i.get("unit"),
                also_written_as=i.get("also_written_as") or [],
                note=i.get("note"),
                type=i.get("type"),
                polarity=i.get("polarity"),
                definition=i.get("definition"),
                formula=i.get("formula"),
                data_source=i.get("data_source"),
                frequency=i.get("frequency"),
                baseline=figures.get("baseline"),
                baseline_year=figures.get("baseline_year"),
                targets={int(y): m for y, m in figures.get("targets", {}).items()},
                realisations=[Realisation(**x) for x in figures.get("realisations", [])],
            )
        )
    return out


def _order(records: list[dict[str, Any]]) -> Any:
    position = {r["indicator"]["id"]: n for n, r in enumerate(records)}
    return lambda local_id: position.get(local_id, len(position))
