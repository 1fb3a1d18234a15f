"""The links a cascade states, with the format's defaults applied, and the checks on them.

Why here and not in the loader: Neo4j loading, the offline (networkx) analysis and the API all
need the same answer to "what does this indicator roll up into, and who owns it". Computing it
once, from the validated model, keeps the database and the in-memory graph from drifting apart.
"""

from __future__ import annotations

import graphlib
from collections import defaultdict
from dataclasses import dataclass

from lineage.cascade.errors import Loc
from lineage.cascade.model import Cascade


@dataclass(frozen=True)
class CascadeLinks:
    #: element id -> its parent element id (top-level elements are absent)
    element_parent: dict[str, str]
    #: indicator id -> the indicator ids it rolls up into, in file order
    indicator_parents: dict[str, list[str]]
    #: element or indicator id -> owning position id (None: nobody owns it)
    owner: dict[str, str | None]

    @classmethod
    def of(cls, cascade: Cascade) -> CascadeLinks:
        """Apply the defaults; the cascade's references must already be checked."""
        elements = {e.id: e for e in cascade.elements}
        indicators_of: dict[str, list[str]] = defaultdict(list)
        for ind in cascade.indicators:
            if ind.measures:
                indicators_of[ind.measures].append(ind.id)
        element_parent = {e.id: e.parent for e in cascade.elements if e.parent}
        indicator_parents: dict[str, list[str]] = {}
        owner: dict[str, str | None] = {e.id: e.owner for e in cascade.elements}
        for ind in cascade.indicators:
            if ind.contributes_to is not None:
                indicator_parents[ind.id] = list(ind.contributes_to)
            elif ind.measures and (parent := element_parent.get(ind.measures)):
                indicator_parents[ind.id] = list(indicators_of[parent])
            else:
                indicator_parents[ind.id] = []
            owner[ind.id] = ind.owner or (elements[ind.measures].owner if ind.measures else None)
        return cls(element_parent, indicator_parents, owner)

    def indicator_edges(self) -> list[tuple[str, str]]:
        """(child, parent) CONTRIBUTES_TO pairs between indicators."""
        return [(child, parent) for child, parents in self.indicator_parents.items() for parent in parents]


@dataclass(frozen=True)
class LinkProblem:
    loc: Loc
    message: str
    #: another place the message refers to (the first use of a duplicated id)
    see: Loc | None = None


def reference_problems(cascade: Cascade) -> list[LinkProblem]:
    """Duplicate ids and references to ids that do not exist, each at the field that holds it."""
    problems: list[LinkProblem] = []
    first_seen: dict[str, Loc] = {}
    for section in ("positions", "elements", "indicators"):
        for index, item in enumerate(getattr(cascade, section)):
            loc = (section, index, "id")
            if item.id in first_seen:
                other = first_seen[item.id]
                problems.append(
                    LinkProblem(loc, f"duplicate id {item.id!r}; already used by {other[0]}[{other[1]}]", other)
                )
            else:
                first_seen[item.id] = loc
    positions = {p.id for p in cascade.positions}
    elements = {e.id for e in cascade.elements}
    indicators = {i.id for i in cascade.indicators}

    def expect(loc: Loc, value: str | None, known: set[str], what: str) -> None:
        if value is not None and value not in known:
            problems.append(LinkProblem(loc, f"unknown {what} {value!r}"))

    for index, element in enumerate(cascade.elements):
        expect(("elements", index, "parent"), element.parent, elements, "element")
        if element.external_parent and element.external_parent.split(":")[0] == cascade.id:
            problems.append(
                LinkProblem(
                    ("elements", index, "external_parent"),
                    "points into this cascade; use `parent` for an element of the same cascade",
                )
            )
        expect(("elements", index, "owner"), element.owner, positions, "position")
    for index, ind in enumerate(cascade.indicators):
        expect(("indicators", index, "measures"), ind.measures, elements, "element")
        expect(("indicators", index, "owner"), ind.owner, positions, "position")
        for k, target in enumerate(ind.contributes_to or []):
            expect(("indicators", index, "contributes_to", k), target, indicators, "indicator")
    return problems


def cycle_problems(cascade: Cascade, links: CascadeLinks) -> list[LinkProblem]:
    """Every cycle among elements (parent) and among indicators (contributes_to), with its path.

    A cascade is a hierarchy: a cycle would make "what rolls up into X" include X itself.
    Indicator cycles are looked for only when the elements have none: a cycle of elements
    already makes one of their indicators by the format's default, and saying so twice is noise.
    """
    problems: list[LinkProblem] = []
    element_index = {e.id: i for i, e in enumerate(cascade.elements)}
    indicator_index = {ind.id: i for i, ind in enumerate(cascade.indicators)}
    for cycle in find_cycles(list(links.element_parent.items())):
        first = cycle[0]
        problems.append(
            LinkProblem(("elements", element_index[first], "parent"), "elements form a cycle: " + " -> ".join(cycle))
        )
    if problems:
        return problems
    for cycle in find_cycles(links.indicator_edges()):
        first = cycle[0]
        problems.append(
            LinkProblem(
                ("indicators", indicator_index[first], "contributes_to"),
                "indicators form a cycle: " + " -> ".join(cycle),
            )
        )
    return problems


def find_cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """One cycle per strongly connected component that has one, as a closed path [a, b, ..., a].

    Linear in the graph's size: enumerating every simple cycle can explode on real data.
    Whether there is any cycle at all is asked of the standard library first: a cascade without
    one (what nearly every file is) never pays for importing networkx, which is most of the
    start-up time of `lineage validate`.
    """
    if not _has_cycle(edges):
        return []
    import networkx as nx

    graph = nx.DiGraph(edges)
    cycles: list[list[str]] = []
    for component in nx.strongly_connected_components(graph):
        start = min(component)
        if len(component) == 1 and not graph.has_edge(start, start):
            continue
        around = nx.find_cycle(graph.subgraph(component), source=start)
        path = [around[0][0]] + [v for _, v in around]
        cycles.append(path)
    return sorted(cycles)


def _has_cycle(edges: list[tuple[str, str]]) -> bool:
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for source, target in edges:
        sorter.add(source, target)
    try:
        sorter.prepare()
    except graphlib.CycleError:
        return True
    return False
