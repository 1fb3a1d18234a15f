"""What a load would change, said before it is made: the dry run of `lineage load`/`import` and of
`POST /cascades`.

Why: a wrong file (the wrong sheet, `--skip-invalid` dropping most rows) loaded over a good
cascade replaces it. A planner must be able to see first what would be added, removed and
changed, counted against the version the load would replace; and a load that would remove more
than a set share of a cascade's indicators is refused unless forced (`lineage.loader`, setting
LINEAGE_MAX_REMOVED_SHARE). Nodes are compared by their id in the file, on everything the load
would write (name, unit, figures, owner, measured element, parents), the file's order aside.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neo4j import Driver
from pydantic import BaseModel, Field

from lineage.cascade import Cascade, CascadeLinks
from lineage.cypher import cypher
from lineage.loader import Row, Rows, version_to_replace
from lineage.settings import get_settings

#: Properties that say where a node was written, not what it is.
_NOT_CONTENT = {"load", "seq"}
#: How many removed indicators a plan names.
NAMED = 20

Signature = tuple[Any, ...]


class KindChanges(BaseModel):
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0


class NamedIndicator(BaseModel):
    id: str
    name: str


class LoadPlan(BaseModel):
    """What loading a cascade would do to the version it replaces."""

    cascade: str
    version: str | None = Field(None, description="The new version's label.")
    replaces: str | None = Field(None, description="The load it would replace (None: it replaces nothing).")
    current_load: str | None = Field(None, description="The load that answers now.")
    keeps_current: bool = Field(
        False, description="The current version has another label: it stays, as a kept version."
    )
    positions: KindChanges
    elements: KindChanges
    indicators: KindChanges
    removed_share: float = Field(description="Indicators removed, as a share of those of the replaced version.")
    max_removed_share: float = Field(description="The share above which the load is refused unless forced.")
    needs_force: bool
    removed_indicators: list[NamedIndicator] = Field(description=f"The first {NAMED} indicators it would remove.")

    def sentence(self) -> str:
        i = self.indicators
        counted = i.removed + i.changed + i.unchanged
        against = f"the version it replaces ({self.replaces})" if self.replaces else "nothing (a new version)"
        kept = f"; the current version ({self.current_load}) is kept" if self.keeps_current else ""
        return (
            f"cascade {self.cascade!r}: against {against}, {i.added} indicators added, {i.removed} removed "
            f"({self.removed_share:.0%} of {counted}), {i.changed} changed, {i.unchanged} unchanged{kept}"
        )


def plan_load(driver: Driver, cascade: Cascade, *, database: str | None = None) -> LoadPlan:
    """Compare `cascade` with the version a load of it would replace (read only; no claim)."""
    target = version_to_replace(driver, cascade, database)
    old: dict[str, dict[str, Signature]] = {"positions": {}, "elements": {}, "indicators": {}}
    names: dict[str, str] = {}
    if target.replaces:
        for record in driver.execute_query(
            cypher("load_contents"), cascade=cascade.id, load=target.replaces, database_=database, routing_="r"
        ).records:
            kind = _kind(record["labels"])
            props = dict(record["properties"])
            old[kind][props["id"]] = _signature(props, record["owner"], record["measures"], record["parents"])
            if kind == "indicators":
                names[props["id"]] = props.get("name", "")
    new = _signatures(cascade)
    changes = {kind: _compare(old[kind], new[kind]) for kind in old}
    removed = [i for i in old["indicators"] if i not in new["indicators"]]
    share = len(removed) / len(old["indicators"]) if old["indicators"] else 0.0
    limit = get_settings().max_removed_share
    return LoadPlan(
        cascade=cascade.id,
        version=cascade.version,
        replaces=target.replaces,
        current_load=target.active_load,
        keeps_current=target.active_load is not None and target.active_load != target.replaces,
        **changes,
        removed_share=share,
        max_removed_share=limit,
        needs_force=share > limit,
        removed_indicators=[NamedIndicator(id=i, name=names[i]) for i in sorted(removed)[:NAMED]],
    )


def _kind(labels: Iterable[str]) -> str:
    labels = set(labels)
    return "positions" if "Position" in labels else "indicators" if "Indicator" in labels else "elements"


def _signature(props: Row, owner: str | None, measures: str | None, parents: Iterable[str]) -> Signature:
    content = tuple(
        sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items() if k not in _NOT_CONTENT)
    )
    return content, owner, measures, tuple(sorted(parents))


def _signatures(cascade: Cascade) -> dict[str, dict[str, Signature]]:
    """The same signatures for the nodes a load of `cascade` would write."""
    rows = Rows(cascade, CascadeLinks.of(cascade))
    element_parents: dict[str, list[str]] = {}
    for link in rows.element_links():
        element_parents.setdefault(link["child"], []).append(link["parent"])
    indicator_parents: dict[str, list[str]] = {}
    for link in rows.indicator_links():
        indicator_parents.setdefault(link["child"], []).append(link["parent"])
    return {
        "positions": {p["id"]: _signature(p, None, None, ()) for p in rows.positions()},
        "elements": {
            e["properties"]["id"]: _signature(
                e["properties"], e["owner"], None, element_parents.get(e["properties"]["uid"], ())
            )
            for e in rows.elements()
        },
        "indicators": {
            i["properties"]["id"]: _signature(
                i["properties"], i["owner"], i["measures"], indicator_parents.get(i["properties"]["uid"], ())
            )
            for i in rows.indicators()
        },
    }


def _compare(old: dict[str, Signature], new: dict[str, Signature]) -> KindChanges:
    both = old.keys() & new.keys()
    changed = sum(1 for key in both if old[key] != new[key])
    return KindChanges(
        added=len(new.keys() - old.keys()),
        removed=len(old.keys() - new.keys()),
        changed=changed,
        unchanged=len(both) - changed,
    )
