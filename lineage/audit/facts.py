"""What both audit paths know about one cascade: its nodes (with owners), element parents and
indicator links, keyed by uid.

The offline path takes these from the validated model; the database path reads them from the
active load (`cypher/audit_nodes.cypher`, `cypher/audit_indicator_links.cypher`). The wording
rules (duplicates, copy-down) and the messages are computed from these alone, so they cannot
differ between the paths; the structural rules are detected by each path its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lineage.answers import PositionRef
from lineage.audit.findings import FindingNode
from lineage.cascade import Cascade, CascadeLinks
from lineage.loader import uid


@dataclass
class CascadeFacts:
    cascade: str
    region: str | None
    agency: str | None = None
    #: uid -> element or indicator
    nodes: dict[str, FindingNode] = field(default_factory=dict)
    #: element uid -> its parent element's uid
    parent: dict[str, str] = field(default_factory=dict)
    #: (child, parent) indicator uids
    indicator_links: list[tuple[str, str]] = field(default_factory=list)

    def of_type(self, type_: str) -> list[FindingNode]:
        return [node for node in self.nodes.values() if node.type == type_]


def facts_of(cascade: Cascade, links: CascadeLinks | None = None) -> CascadeFacts:
    """The facts of a cascade file, with the format's defaults applied (`CascadeLinks`)."""
    links = links or CascadeLinks.of(cascade)
    positions = {
        p.id: PositionRef(id=uid(cascade, p.id), name=p.name, tier=p.tier, tier_label=p.tier.label)
        for p in cascade.positions
    }
    kinds = {e.id: e.kind for e in cascade.elements}
    facts = CascadeFacts(cascade.id, cascade.region, cascade.agency)
    for e in cascade.elements:
        facts.nodes[uid(cascade, e.id)] = FindingNode(
            id=uid(cascade, e.id), local_id=e.id, type="element", kind=e.kind, name=e.name, code=e.code,
            owner=positions.get(links.owner[e.id]),
        )
    for i in cascade.indicators:
        facts.nodes[uid(cascade, i.id)] = FindingNode(
            id=uid(cascade, i.id), local_id=i.id, type="indicator", kind=kinds.get(i.measures), name=i.name,
            element=uid(cascade, i.measures) if i.measures else None, owner=positions.get(links.owner[i.id]),
        )
    facts.parent = {uid(cascade, c): uid(cascade, p) for c, p in links.element_parent.items()}
    facts.indicator_links = [(uid(cascade, c), uid(cascade, p)) for c, p in links.indicator_edges()]
    return facts
