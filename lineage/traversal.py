"""Listing the paths of a roll-up graph from its links, without the database.

Why in Python: the walk itself is one Cypher statement (cypher/indicator_contributes_to.cypher)
that visits each indicator once; listing every path from it is a different job, whose answer can
grow much faster than the graph (every combination of shared parents), so it is bounded here by
a number of paths, and cycles met on the way are listed once each instead of being followed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class Paths:
    paths: list[list[str]]
    cycles: list[list[str]]
    truncated: bool


def paths_up(start: str, edges: Iterable[tuple[str, str]], max_paths: int) -> Paths:
    """Every simple path from `start` to a top (a node with nothing above it among `edges`, which
    run child -> parent); at most `max_paths` (then `truncated`)."""
    parents: dict[str, list[str]] = {}
    for child, parent in edges:
        parents.setdefault(child, []).append(parent)
    paths: list[list[str]] = []
    cycles: dict[frozenset[str], list[str]] = {}
    truncated = False
    stack: list[tuple[str, list[str]]] = [(start, [start])]
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
