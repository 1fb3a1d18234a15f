"""What both audit paths know about one cascade: its nodes (with owners), element parents and
indicator links, keyed by uid.

The offline path takes these from the validated model; the database path reads them from the
active load (`cypher/audit_nodes.cypher`, `cypher/audit_indicator_links.cypher`). The wording
rules (duplicates, copy-down) and the messages are computed from these alone, so they cannot
differ between the paths; the structural rules are detected by each path its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lineage.answers import PositionRef
from lineage.cascade import Cascade, CascadeLinks
from lineage.cascade.model import ElementKind
from lineage.ids import uid


@dataclass(slots=True)
class Node:
    """An element or indicator as the rules see it; the fields of `findings.FindingNode`, without
    pydantic's validation (a cascade has 200,000 of these; only those in findings become models).
    Not frozen, though nothing changes one once made: a frozen dataclass sets each field through
    `object.__setattr__`, which made building the nodes five times slower."""

    id: str
    local_id: str
    type: Literal["element", "indicator"]
    #: an element's level; an indicator's element's level
    kind: ElementKind | None
    name: str
    code: str | None
    #: an indicator's element
    element: str | None
    owner: PositionRef | None


@dataclass
class CascadeFacts:
    cascade: str
    region: str | None
    agency: str | None = None
    #: uid -> element or indicator
    nodes: dict[str, Node] = field(default_factory=dict)
    #: element uid -> its parent element's uid
    parent: dict[str, str] = field(default_factory=dict)
    #: element uid -> the element of another cascade it serves (`external_parent`, a global id)
    external_parent: dict[str, str] = field(default_factory=dict)
    #: indicators that roll up into another cascade's indicators (their element's external parent)
    rolls_out: set[str] = field(default_factory=set)
    #: (child, parent) indicator uids
    indicator_links: list[tuple[str, str]] = field(default_factory=list)
    #: Elements that other cascades' elements serve (`external_parent`), and of those the ones
    #: whose serving elements carry indicators; indicators other cascades' indicators roll up
    #: into. Known offline only for the cascades audited together (`link_across`).
    served_across: set[str] = field(default_factory=set)
    supported_across: set[str] = field(default_factory=set)
    fed_across: set[str] = field(default_factory=set)

    def of_type(self, type_: str) -> list[Node]:
        return [node for node in self.nodes.values() if node.type == type_]


def facts_of(cascade: Cascade, links: CascadeLinks | None = None) -> CascadeFacts:
    """The facts of a cascade file, with the format's defaults applied (`CascadeLinks`).

    Why one loop over the elements and one over the indicators: the validated models of a large
    cascade lie scattered in memory (pydantic keeps each one's fields in a dict of its own), so
    each pass over them costs more per node the larger the cascade, like any walk over objects
    that do not fit in the processor's cache. Each model is read once here; everything after
    reads the compact `Node`s made from it, in the order they were made."""
    links = links or CascadeLinks.of(cascade)
    positions = {
        p.id: PositionRef(id=uid(cascade, p.id), name=p.name, tier=p.tier, tier_label=p.tier.label)
        for p in cascade.positions
    }
    owner = links.owner
    facts = CascadeFacts(cascade.id, cascade.region, cascade.agency)
    nodes = facts.nodes
    # Each global id is built once and shared (a cascade of 100,000 indicators names each node
    # several times): a lookup by the same string object needs no comparison of its characters.
    ids: dict[str, str] = {}
    kinds: dict[str, ElementKind] = {}
    external: set[str] = set()
    for e in cascade.elements:
        local = e.id
        global_id = ids[local] = uid(cascade, local)
        kinds[local] = e.kind
        nodes[global_id] = Node(
            global_id, local, "element", e.kind, e.name, e.code, None, _position(positions, owner[local])
        )
        if e.external_parent:
            facts.external_parent[global_id] = e.external_parent
            external.add(local)
    for i in cascade.indicators:
        local, measures = i.id, i.measures
        global_id = ids[local] = uid(cascade, local)
        nodes[global_id] = Node(
            global_id,
            local,
            "indicator",
            kinds.get(measures) if measures else None,
            i.name,
            None,
            (ids.get(measures) or uid(cascade, measures)) if measures else None,
            _position(positions, owner[local]),
        )
        if i.contributes_to is None and measures in external:
            facts.rolls_out.add(
                global_id
            )  # the format's default, as the loader links them (`loader._Rows._external_parent`)

    def gid(local: str) -> str:
        return ids.get(local) or uid(cascade, local)

    facts.parent = {gid(c): gid(p) for c, p in links.element_parent.items()}
    facts.indicator_links = [(gid(c), gid(p)) for c, p in links.indicator_edges()]
    return facts


def _position(positions: dict[str, PositionRef], owner: str | None) -> PositionRef | None:
    return positions.get(owner) if owner else None


def link_across(cascades: list[Cascade], facts: list[CascadeFacts]) -> None:
    """What the cascades audited together make of each other, as the loader links them: an
    element serving another cascade's (`external_parent`) is its child there, and its indicators
    (those that leave `contributes_to` out) roll up into every indicator of that element."""
    by_uid = {node.id: f for f in facts for node in f.nodes.values()}
    measured: dict[str, list[str]] = {}
    for cascade in cascades:
        for i in cascade.indicators:
            if i.measures:
                measured.setdefault(uid(cascade, i.measures), []).append(uid(cascade, i.id))
    for cascade in cascades:
        for e in cascade.elements:
            served = by_uid.get(e.external_parent or "")
            if served is None or e.external_parent is None:
                continue
            served.served_across.add(e.external_parent)
            own = [uid(cascade, i.id) for i in cascade.indicators if i.measures == e.id and i.contributes_to is None]
            if measured.get(uid(cascade, e.id)):
                served.supported_across.add(e.external_parent)
            if own:
                served.fed_across.update(measured.get(e.external_parent, []))
