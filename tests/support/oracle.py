"""An independent answer to the lineage questions, computed with networkx from the file itself.

Independent on purpose: it reads the YAML with PyYAML's plain loader and applies the format's
documented roll-up rule here, without Lineage's model, loader or queries. If both agree, the
file was read, loaded and queried as the format says.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import yaml


def indicator_graph(path: Path) -> nx.DiGraph:
    """Indicators as nodes (with their owner's tier and element kind), CONTRIBUTES_TO as edges."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tiers = {p["id"]: p["tier"] for p in data["positions"]}
    elements = {e["id"]: e for e in data["elements"]}
    graph = nx.DiGraph()
    for ind in data["indicators"]:
        element = elements.get(ind.get("measures"), {})
        owner = ind.get("owner") or element.get("owner")
        graph.add_node(ind["id"], name=ind["name"], tier=tiers.get(owner), kind=element.get("kind"))
    for ind in data["indicators"]:
        if "contributes_to" in ind:
            parents = ind["contributes_to"] or []
        else:  # the documented rule: every indicator of the parent of the measured element
            parent_element = elements.get(ind.get("measures"), {}).get("parent")
            parents = [
                other["id"]
                for other in data["indicators"]
                if parent_element and other.get("measures") == parent_element
            ]
        for parent in parents:
            graph.add_edge(ind["id"], parent)
    return graph


def contributors(graph: nx.DiGraph, indicator: str) -> dict[str, int]:
    """Every indicator that rolls up into `indicator`, with its hop distance."""
    distances = nx.single_source_shortest_path_length(graph.reverse(copy=False), indicator)
    return {node: hops for node, hops in distances.items() if node != indicator}


def paths_to_top(graph: nx.DiGraph, indicator: str) -> set[tuple[str, ...]]:
    tops = [node for node in nx.descendants(graph, indicator) if graph.out_degree(node) == 0]
    return {tuple(path) for top in tops for path in nx.all_simple_paths(graph, indicator, top)}
