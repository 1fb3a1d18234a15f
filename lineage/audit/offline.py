"""The audit of a cascade file, in memory: no database needed.

A planner checks a draft before it is loaded. The file is read as the loader reads it, except
that a cycle is not a refusal but a finding (`read_cascade(..., refuse_cycles=False)`); the
structural rules are answered from maps and sets of the elements and indicators (networkx only
for the cycles, among the nodes left once those without a link in or out are trimmed), and the wording
rules and messages are those the database path uses (`build.findings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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
    """The structural rules, on the nodes numbered once in the order the facts hold them.

    Why numbers and flat lists: at 100,000 indicators every table keyed by id (a node's parent,
    its element, whether it has children) is larger than the processor's cache and is read in
    random order, so each lookup cost more per node the larger the cascade. Each id is looked up
    once here, to number the nodes and their links; what a rule asks of a node or of its parent
    or element is then an entry of a list of small values (a kind, a flag) indexed by number."""

    def __init__(self, facts: CascadeFacts) -> None:
        self.facts = facts
        self.nodes = list(facts.nodes.values())
        self.number = number = {node.id: n for n, node in enumerate(self.nodes)}
        size = len(self.nodes)
        self.kinds = [node.kind for node in self.nodes]
        self.elements = [n for n, node in enumerate(self.nodes) if node.type == "element"]
        self.indicators = [n for n, node in enumerate(self.nodes) if node.type == "indicator"]
        #: an element's parent in this cascade (-1: none)
        self.parent = [-1] * size
        self.element_links = [(number[child], number[parent]) for child, parent in facts.parent.items()]
        for child, parent in self.element_links:
            self.parent[child] = parent
        #: an element itself; an indicator's element (-1: none)
        self.element_of = list(range(size))
        for n in self.indicators:
            element = self.nodes[n].element
            self.element_of[n] = number[element] if element else -1
        self.indicator_links = list(dict.fromkeys((number[c], number[p]) for c, p in facts.indicator_links))
        self.has_parent = self._flags((c for c, _ in self.element_links), self._numbers(facts.external_parent))
        self.rolls_up = self._flags((c for c, _ in self.indicator_links), self._numbers(facts.rolls_out))
        self.fed = self._flags((p for _, p in self.indicator_links), self._numbers(facts.fed_across))
        self.measured = self._flags(self.element_of[n] for n in self.indicators if self.element_of[n] >= 0)
        self.with_children = self._flags(p for _, p in self.element_links)
        self.served = self._flags(self._numbers(facts.served_across))
        #: elements with a child that indicators measure, or with one in another cascade
        self.supported = self._flags(
            (p for c, p in self.element_links if self.measured[c]), self._numbers(facts.supported_across)
        )
        self.authority = authority_of(facts.region or "")

    def _flags(self, *numbered: Iterable[int]) -> bytearray:
        flags = bytearray(len(self.nodes))
        for numbers in numbered:
            for n in numbers:
                flags[n] = 1
        return flags

    def _numbers(self, ids: Iterable[str]) -> list[int]:
        """The numbers of those of `ids` that are nodes of this cascade."""
        return [self.number[i] for i in ids if i in self.number]

    def id(self, n: int) -> str:
        return self.nodes[n].id

    def kind(self, n: int) -> ElementKind:
        kind = self.kinds[n]
        assert kind is not None  # an element's node always has its kind
        return kind

    def detect(self) -> list[Detected]:
        return [*self.orphans(), *self.completeness(), *self.levels(), *self.cycles(), *self.ownership(), *self.codes()]

    def follows(self, child: int, parent: int) -> bool:
        """An indicator link that follows its elements' link (the format's default)."""
        a, b = self.element_of[child], self.element_of[parent]
        return a >= 0 and b >= 0 and self.parent[a] == b

    def orphans(self) -> Iterator[Detected]:
        for e in self.elements:
            if not LEVELS[self.kind(e)].top and not self.has_parent[e]:
                yield Detected("orphan-element", (self.id(e),))
        for i in self.indicators:
            element = self.element_of[i]
            if element < 0:
                yield Detected("unmeasured-indicator", (self.id(i),))
                continue
            kind = self.kind(element)
            if not LEVELS[kind].top and not self.rolls_up[i] and self.has_parent[element]:
                yield Detected("orphan-indicator", (self.id(i),))
            if kind is not BOTTOM and not self.fed[i] and self.supported[element]:
                yield Detected("unsupported-indicator", (self.id(i),))

    def completeness(self) -> Iterator[Detected]:
        for e in self.elements:
            if self.kinds[e] is not BOTTOM and not self.with_children[e] and not self.served[e]:
                yield Detected("childless-element", (self.id(e),))
            if not self.measured[e]:
                yield Detected("element-without-indicator", (self.id(e),))

    def levels(self) -> Iterator[Detected]:
        """Each link whose parent is not a level its child may serve (`vocabulary.serves`): above
        it, a skip; on its level, sideways; below it, upward."""
        steps = list(self.element_links)
        steps += [
            (c, p)
            for c, p in self.indicator_links
            if self.element_of[c] >= 0 and self.element_of[p] >= 0 and not self.follows(c, p)
        ]
        for child, parent in steps:
            a, b = self.kind(self.element_of[child]), self.kind(self.element_of[parent])
            if b in serves(a):
                continue
            step = a.level - b.level
            rule = "level-skip" if step > 0 else "level-sideways" if step == 0 else "level-upward"
            yield Detected(rule, (self.id(child), self.id(parent)))

    def cycles(self) -> Iterator[Detected]:
        size = len(self.nodes)
        yield from cycle_findings(self.ids(_links_on_cycles(size, self.element_links)))
        on_cycles = _links_on_cycles(size, self.indicator_links)
        yield from cycle_findings(
            self.ids(on_cycles), set(self.ids([link for link in on_cycles if self.follows(*link)]))
        )

    def ids(self, links: list[tuple[int, int]]) -> list[tuple[str, str]]:
        return [(self.id(a), self.id(b)) for a, b in links]

    def ownership(self) -> Iterator[Detected]:
        for e in self.elements:
            owner = self.nodes[e].owner
            if owner is None:
                yield Detected("missing-owner", (self.id(e),))
            elif owner.tier not in OWNER_TIERS[self.kind(e)]:
                yield Detected("owner-tier-mismatch", (self.id(e),))
        for i in self.indicators:
            node, e = self.nodes[i], self.element_of[i]
            element = self.nodes[e] if e >= 0 else None
            if node.owner is None:
                if not (element and element.owner is None):
                    yield Detected("missing-owner", (node.id,))
            elif element and node.owner.tier not in OWNER_TIERS[self.kind(e)] and node.owner != element.owner:
                yield Detected("owner-tier-mismatch", (node.id,))

    def codes(self) -> Iterator[Detected]:
        for e in self.elements:
            node, parent = self.nodes[e], self.parent[e]
            if node.code and node.kind in CODE_SHAPES and not self.shaped(node):
                yield Detected("code-shape", (node.id,))
            if self.wrong_authority(node) and not (parent >= 0 and self.wrong_authority(self.nodes[parent])):
                yield Detected("code-authority", (node.id,))
        for c, p in self.element_links:
            child, parent_node = self.nodes[c], self.nodes[p]
            if (
                self.shaped(child)
                and not self.wrong_authority(child)
                and parent_node.kind in CODE_PARENT_LEVELS
                and parent_node.code
                and not str(child.code).startswith(parent_node.code + ".")
            ):
                yield Detected("code-prefix", (child.id, parent_node.id))

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


def _links_on_cycles(nodes: int, links: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The links inside strongly connected components: exactly the links that lie on a cycle
    (in no particular order: `cycle_findings` orders them), among `nodes` nodes numbered from 0.

    A node with no link in or none out lies on no cycle; such nodes are trimmed first, again and
    again as their neighbours lose links (linear time), and the components are sought among the
    few nodes left: in a cascade, those on or between cycles.

    Why counts, not a set of neighbours per node: the trimming only needs to know when a node has
    no link left in or out, so its links in and out are counted in flat lists, the neighbours
    held in one list per direction (compressed rows). A set per node and direction made this the
    audit's largest structure (two sets of ~200 bytes for each of 200,000 nodes at 100,000
    indicators), read in hash order, and it grew faster than the cascade."""
    heads = [a for a, _ in links]
    tails = [b for _, b in links]
    successors, out_start = _rows(nodes, heads, tails)
    predecessors, in_start = _rows(nodes, tails, heads)
    links_out = [out_start[n + 1] - out_start[n] for n in range(nodes)]
    links_in = [in_start[n + 1] - in_start[n] for n in range(nodes)]
    stack = [n for n in range(nodes) if not links_out[n] or not links_in[n]]
    trimmed = bytearray(nodes)
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
    graph.add_edges_from((a, b) for a, b in links if not trimmed[a] and not trimmed[b])
    found: list[tuple[int, int]] = []
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
