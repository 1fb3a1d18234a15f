"""The audit of a cascade file, in memory: no database needed.

A planner checks a draft before it is loaded. The file is read as the loader reads it, except
that a cycle is not a refusal but a finding (`read_cascade(..., refuse_cycles=False)`); the
structural rules are answered from maps and sets of the elements and indicators (networkx only
for the cycles, among the nodes left once those without a link in or out are trimmed), and the wording
rules and messages are those the database path uses (`build.findings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import accumulate
from pathlib import Path

import networkx as nx

from lineage.audit.build import findings
from lineage.audit.collector import paused
from lineage.audit.cycles import cycle_findings
from lineage.audit.facts import CascadeFacts, Node, facts_of, link_across
from lineage.audit.findings import AuditReport, CascadeAudited, Detected, Finding
from lineage.audit.rules import AUTHORITY_LEVELS, CODE_PARENT_LEVELS, CODE_SHAPES, OWNER_TIERS, authority_of
from lineage.cascade import Cascade, read_cascade
from lineage.cascade.vocabulary import BOTTOM, LEVELS, ElementKind, serves


def audit_file(path: str | Path) -> AuditReport:
    """Raises `CascadeFileError` (naming file, line and field) when the file cannot be read."""
    return audit_report(read_cascade(path, refuse_cycles=False))


def audit_report(cascade: Cascade) -> AuditReport:
    return AuditReport(
        source="file",
        generated_at=datetime.now(UTC),
        cascades=[
            CascadeAudited(
                id=cascade.id,
                agency=cascade.agency,
                region=cascade.region,
                elements=len(cascade.elements),
                indicators=len(cascade.indicators),
            )
        ],
        findings=audit_cascade(cascade),
    )


@paused
def audit_cascade(cascade: Cascade) -> list[Finding]:
    facts = facts_of(cascade)
    return findings(facts, structural_findings(facts))


@paused
def audit_cascades(cascades: list[Cascade]) -> AuditReport:
    """Cascades read together (an import of a region's goals and its agencies), each audited as
    it would be once they are all loaded: a goal the agencies serve is not childless."""
    facts = [facts_of(c) for c in cascades]
    link_across(cascades, facts)
    return AuditReport(
        source="file",
        generated_at=datetime.now(UTC),
        cascades=[
            CascadeAudited(
                id=c.id, agency=c.agency, region=c.region, elements=len(c.elements), indicators=len(c.indicators)
            )
            for c in cascades
        ],
        findings=[found for f in facts for found in findings(f, structural_findings(f))],
    )


def structural_findings(facts: CascadeFacts) -> list[Detected]:
    return _Structure(facts).detect()


class _Structure:
    """The structural rules, from the facts' nodes and a few sets.

    Why sets of the nodes that have something (children, indicators) and not lists of what each
    has, and no tables of their own: each table or list per node of a cascade of 100,000
    indicators is another few hundred thousand objects written in random order, and past the
    processor's cache each one costs more per node the larger the cascade. The nodes are walked
    in the order the facts hold them; a node's element or parent is looked up in `facts.nodes`."""

    def __init__(self, facts: CascadeFacts) -> None:
        self.facts = facts
        self.nodes = facts.nodes
        self.elements = facts.of_type("element")
        self.indicators = facts.of_type("indicator")
        self.element_links = list(facts.parent.items())  # an element has at most one parent
        self.indicator_links = list(dict.fromkeys(facts.indicator_links))  # each link once
        self.rolls_into = {child for child, _ in self.indicator_links}
        self.fed = {parent for _, parent in self.indicator_links}
        #: elements that indicators measure; elements that have children, and those of them
        #: with a child that indicators measure
        self.measured = {i.element for i in self.indicators if i.element}
        self.with_children = set(facts.parent.values())
        self.with_measured_children = {parent for child, parent in self.element_links if child in self.measured}
        self.authority = authority_of(facts.region or "")

    def detect(self) -> list[Detected]:
        return [*self.orphans(), *self.completeness(), *self.levels(), *self.cycles(), *self.ownership(), *self.codes()]

    def kind(self, node: str) -> ElementKind:
        """An element's level; an indicator's element's level (`Node.kind`)."""
        kind = self.nodes[node].kind
        assert kind is not None  # an element's node always has its kind, and so has a measured indicator's
        return kind

    def has_parent(self, element: str) -> bool:
        """In this cascade, or in another (`external_parent`)."""
        return element in self.facts.parent or element in self.facts.external_parent

    def parents_of(self, element: str) -> list[str]:
        """Its parent element in this cascade, if it has one."""
        return [self.facts.parent[element]] if element in self.facts.parent else []

    def follows(self, child: str, parent: str) -> bool:
        """An indicator link that follows its elements' link (the format's default)."""
        a, b = self.nodes[child].element, self.nodes[parent].element
        return bool(a and b and self.facts.parent.get(a) == b)

    def orphans(self) -> Iterator[Detected]:
        for node in self.elements:
            assert node.kind is not None
            if not LEVELS[node.kind].top and not self.has_parent(node.id):
                yield Detected("orphan-element", (node.id,))
        for node in self.indicators:
            i, element, kind = node.id, node.element, node.kind
            if element is None:
                yield Detected("unmeasured-indicator", (i,))
                continue
            assert kind is not None  # its element's
            rolls_up = i in self.rolls_into or i in self.facts.rolls_out
            if not LEVELS[kind].top and not rolls_up and self.has_parent(element):
                yield Detected("orphan-indicator", (i,))
            below_carry_indicators = element in self.facts.supported_across or element in self.with_measured_children
            fed = i in self.fed or i in self.facts.fed_across
            if kind is not BOTTOM and not fed and below_carry_indicators:
                yield Detected("unsupported-indicator", (i,))

    def completeness(self) -> Iterator[Detected]:
        for node in self.elements:
            e = node.id
            if node.kind is not BOTTOM and e not in self.with_children and e not in self.facts.served_across:
                yield Detected("childless-element", (e,))
            if e not in self.measured:
                yield Detected("element-without-indicator", (e,))

    def levels(self) -> Iterator[Detected]:
        """Each link whose parent is not a level its child may serve (`vocabulary.serves`): above
        it, a skip; on its level, sideways; below it, upward."""
        steps = list(self.element_links)
        steps += [
            (c, p)
            for c, p in self.indicator_links
            if self.nodes[c].element and self.nodes[p].element and not self.follows(c, p)
        ]
        for child, parent in steps:
            a, b = self.kind(child), self.kind(parent)
            if b in serves(a):
                continue
            step = a.level - b.level
            rule = "level-skip" if step > 0 else "level-sideways" if step == 0 else "level-upward"
            yield Detected(rule, (child, parent))

    def cycles(self) -> Iterator[Detected]:
        yield from cycle_findings(_links_on_cycles(self.element_links))
        on_cycles = _links_on_cycles(self.indicator_links)
        yield from cycle_findings(on_cycles, {link for link in on_cycles if self.follows(*link)})

    def ownership(self) -> Iterator[Detected]:
        for node in self.elements:
            if node.owner is None:
                yield Detected("missing-owner", (node.id,))
            elif node.owner.tier not in OWNER_TIERS[self.kind(node.id)]:
                yield Detected("owner-tier-mismatch", (node.id,))
        for node in self.indicators:
            element = self.nodes.get(node.element) if node.element else None
            if node.owner is None:
                if not (element and element.owner is None):
                    yield Detected("missing-owner", (node.id,))
            elif element and node.owner.tier not in OWNER_TIERS[self.kind(element.id)] and node.owner != element.owner:
                yield Detected("owner-tier-mismatch", (node.id,))

    def codes(self) -> Iterator[Detected]:
        for node in self.elements:
            if node.code and node.kind in CODE_SHAPES and not self.shaped(node):
                yield Detected("code-shape", (node.id,))
            if self.wrong_authority(node) and not any(
                self.wrong_authority(self.nodes[p]) for p in self.parents_of(node.id)
            ):
                yield Detected("code-authority", (node.id,))
        for c, p in self.element_links:
            child, parent = self.nodes[c], self.nodes[p]
            if (
                self.shaped(child)
                and not self.wrong_authority(child)
                and parent.kind in CODE_PARENT_LEVELS
                and parent.code
                and not str(child.code).startswith(parent.code + ".")
            ):
                yield Detected("code-prefix", (c, p))

    def shaped(self, node: Node) -> bool:
        return bool(node.code and node.kind in _SHAPES and _SHAPES[node.kind].fullmatch(node.code))

    def wrong_authority(self, node: Node) -> bool:
        return bool(
            self.authority
            and node.kind in AUTHORITY_LEVELS
            and self.shaped(node)
            and str(node.code).split(".")[3] != self.authority[0]
        )


#: `CODE_SHAPES` compiled once (`re.fullmatch` with a pattern's text looks it up in re's cache each time).
_SHAPES = {kind: re.compile(shape) for kind, shape in CODE_SHAPES.items()}


def _links_on_cycles(links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The links inside strongly connected components: exactly the links that lie on a cycle
    (in no particular order: `cycle_findings` orders them).

    A node with no link in or none out lies on no cycle; such nodes are trimmed first, again and
    again as their neighbours lose links (linear time), and the components are sought among the
    few nodes left: in a cascade, those on or between cycles.

    Why numbers and counts, not a set of neighbours per node: the trimming only needs to know when
    a node has no link left in or out, so each node is numbered once (in the order the links name
    it) and its links in and out are counted in flat lists, the neighbours held in one list per
    direction (compressed rows). A set per node and direction made this the audit's largest
    structure (two sets of ~200 bytes for each of 200,000 nodes at 100,000 indicators), read in
    hash order, and it grew faster than the cascade."""
    number: dict[str, int] = {}
    heads = [number.setdefault(a, len(number)) for a, _ in links]
    tails = [number.setdefault(b, len(number)) for _, b in links]
    successors, out_start = _rows(len(number), heads, tails)
    predecessors, in_start = _rows(len(number), tails, heads)
    links_out = [out_start[n + 1] - out_start[n] for n in range(len(number))]
    links_in = [in_start[n + 1] - in_start[n] for n in range(len(number))]
    stack = [n for n in range(len(number)) if not links_out[n] or not links_in[n]]
    trimmed = bytearray(len(number))
    while stack:
        node = stack.pop()
        if trimmed[node]:
            continue
        trimmed[node] = 1
        for after in successors[out_start[node] : out_start[node + 1]]:
            links_in[after] -= 1
            if not links_in[after]:
                stack.append(after)
        for before in predecessors[in_start[node] : in_start[node + 1]]:
            links_out[before] -= 1
            if not links_out[before]:
                stack.append(before)
    graph = nx.DiGraph()
    graph.add_edges_from(
        link for link, a, b in zip(links, heads, tails, strict=True) if not trimmed[a] and not trimmed[b]
    )
    found: list[tuple[str, str]] = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1 or any(graph.has_edge(n, n) for n in component):
            found += list(graph.subgraph(component).edges)
    return found


def _rows(nodes: int, sources: list[int], targets: list[int]) -> tuple[list[int], list[int]]:
    """The targets of each source, as one list and where each source's part of it starts (its
    part ends where the next one's starts): the neighbours of `nodes` numbered nodes in two flat
    lists instead of a list per node."""
    start = [0] * (nodes + 1)
    for source in sources:
        start[source + 1] += 1
    start = list(accumulate(start))
    free = start[:-1]
    row = [0] * len(sources)
    for source, target in zip(sources, targets, strict=True):
        row[free[source]] = target
        free[source] += 1
    return row, start
