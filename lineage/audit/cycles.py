"""From the links that lie on cycles to one finding per cycle, with a path a person can follow.

Both paths find the links that lie on a cycle their own way (networkx's strongly connected
components offline; `cypher/audit_cycles.cypher` in the database) and hand them here, so a cycle
is reported with the same path whichever path found it: the shortest way round from the
smallest id of its component, ties broken by id.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

import networkx as nx

from lineage.audit.findings import Detected

Link = tuple[str, str]


def cycle_findings(links_on_cycles: Iterable[Link], implied: AbstractSet[Link] = frozenset()) -> list[Detected]:
    """One finding per strongly connected component of `links_on_cycles`, unless every link inside
    it is `implied` (an indicator link that only follows its elements' link: the element cycle
    is the finding)."""
    graph = nx.DiGraph()
    graph.add_edges_from(sorted(set(links_on_cycles)))
    found = []
    for component in sorted(nx.strongly_connected_components(graph), key=min):
        links = [(a, b) for a, b in graph.subgraph(component).edges]
        if not links or all(link in implied for link in links):
            continue
        path = _shortest_way_round(graph, min(component), component)
        rest = sorted(component - set(path))
        found.append(Detected("cycle", tuple(dict.fromkeys(path)) + tuple(rest), path=tuple(path)))
    return found


def _shortest_way_round(graph: nx.DiGraph, start: str, component: set[str]) -> list[str]:
    """Breadth-first from `start` back to `start`, visiting successors in id order."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for succ in sorted(graph.successors(node)):
            if succ not in component:
                continue
            if succ == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if succ not in came_from:
                came_from[succ] = node
                queue.append(succ)
    raise ValueError(f"{start} is on no cycle")
