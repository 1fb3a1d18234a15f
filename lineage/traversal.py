"""Walking a roll-up graph one step at a time, and listing its paths, without the database.

Why not one variable-length Cypher pattern: `(a)-[:CONTRIBUTES_TO*1..N]->(b)` expands every path,
which explodes where indicators share parents and repeats nodes around a cycle; and N cannot be
a parameter. A breadth-first walk asks the database for one step at a time (a parameterised
query), visits each indicator once, knows each one's hop distance, and stops at a depth or a
node cap while still telling whether more lay beyond.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

#: Given the frontier, the edges (from, to) one step further. Edges run in the graph's own
#: direction (contributor -> contributed-to) whichever way the walk goes.
Step = Callable[[list[str]], Iterable[tuple[str, str]]]


@dataclass
class Walk:
    start: str
    #: node -> hop distance from start (start itself excluded)
    levels: dict[str, int] = field(default_factory=dict)
    #: edges among start and the visited nodes, in the graph's direction
    edges: list[tuple[str, str]] = field(default_factory=list)
    #: visited nodes that have neighbours the walk did not reach (depth or cap)
    cut_at: set[str] = field(default_factory=set)

    @property
    def truncated(self) -> bool:
        return bool(self.cut_at)


def walk(start: str, step: Step, *, upward: bool, depth: int, max_nodes: int) -> Walk:
    """Breadth-first from `start`: down the contributions (`upward=False`) or up them."""
    result = Walk(start)
    seen = {start}
    frontier = [start]
    for level in range(1, depth + 2):  # one step past `depth` only to learn whether more exists
        if not frontier:
            break
        next_frontier: list[str] = []
        for edge in step(frontier):
            near, far = (edge[0], edge[1]) if upward else (edge[1], edge[0])
            if far in seen:  # a second parent, or a cycle closing: the edge is inside the answer
                result.edges.append(edge)
            elif level > depth or len(result.levels) >= max_nodes:
                result.cut_at.add(near)
            else:
                seen.add(far)
                result.levels[far] = level
                next_frontier.append(far)
                result.edges.append(edge)
        frontier = next_frontier
    return result


@dataclass
class Paths:
    paths: list[list[str]]
    cycles: list[list[str]]
    truncated: bool


def paths_up(walk_up: Walk, max_paths: int) -> Paths:
    """Every simple path from the walk's start to a top (a node with nothing above it in the
    walk); cycles met on the way are listed once each instead of being followed."""
    parents: dict[str, list[str]] = {}
    for child, parent in walk_up.edges:
        parents.setdefault(child, []).append(parent)
    paths: list[list[str]] = []
    cycles: dict[frozenset[str], list[str]] = {}
    truncated = walk_up.truncated
    stack: list[tuple[str, list[str]]] = [(walk_up.start, [walk_up.start])]
    while stack:
        node, path = stack.pop()
        above = parents.get(node, [])
        if not above:
            if len(path) > 1:
                if len(paths) >= max_paths:
                    truncated = True
                    break
                paths.append(path)
            continue
        for parent in reversed(above):
            if parent in path:
                cycle = [*path[path.index(parent) :], parent]
                cycles.setdefault(frozenset(cycle), cycle)
            else:
                stack.append((parent, [*path, parent]))
    return Paths(paths, list(cycles.values()), truncated)
