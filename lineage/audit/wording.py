"""The rules about what names say: duplicates, near-duplicates, copy-down, and an indicator that
only names its element. Run on `CascadeFacts`, so the offline and database paths share them.

Each problem is reported once, by the rule that says most: two names equal once normalised are a
duplicate (under one parent, or across the cascade), not also a near-duplicate; a pair in which one
indicator rolls up into the other is a copy-down, not a duplicate.

Why the duplicates are sought by name first and by place only then: nearly every name is written
once, so grouping every node by its name alone (one table of names) leaves a few small groups in
which the parents are compared. Grouping every node by (parent, name) at once, and again every
indicator by name, built two tables of the whole cascade and looked up every node's parent; at
100,000 indicators such tables outgrow the processor's cache, and that grew faster than the cascade.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from lineage.audit.facts import CascadeFacts, Node
from lineage.audit.findings import Detected
from lineage.audit.indonesian import Keys, keys_of
from lineage.audit.similarity import candidate_pairs, ordered, same_thing


def wording_findings(facts: CascadeFacts) -> list[Detected]:
    keys = keys_of(node.name for node in facts.nodes.values())
    # One table of each node's (exact key, content words), not a table for each: such a table of
    # the whole cascade is written in random order and at 100,000 indicators outgrows the cache.
    key_of = {node.id: keys[node.name] for node in facts.nodes.values()}
    indicators = facts.of_type("indicator")
    linked = {ordered(*link) for link in facts.indicator_links}
    return [
        *_duplicates(facts, key_of, linked),
        *_near_duplicates(indicators, key_of, linked),
        *_copies_down(facts, key_of),
        *_restatements(indicators, key_of),
    ]


def _duplicates(facts: CascadeFacts, key_of: dict[str, Keys], linked: set[tuple[str, str]]) -> list[Detected]:
    """duplicate-sibling (one name twice under one parent) and duplicate-indicator (one name on
    indicators of several elements), from the groups of nodes of one type that share a name."""
    found: list[Detected] = []
    for type_, group in _shared_names(facts.nodes.values(), key_of):
        if type_ == "element":
            under = _by(group, lambda n: facts.parent.get(n.id) or facts.external_parent.get(n.id))
        else:
            under = _by((n for n in group if n.element), lambda n: n.element)
        found += [Detected("duplicate-sibling", tuple(sorted(ids)), score=1.0) for ids in under if len(ids) > 1]
        if type_ == "indicator":
            ids = [n.id for n in group]
            places = {n.element or n.id for n in group}
            if len(places) > 1 and not (len(ids) == 2 and ordered(*ids) in linked):
                found.append(Detected("duplicate-indicator", tuple(sorted(ids)), score=1.0))
    return found


def _shared_names(nodes: Iterable[Node], key_of: dict[str, Keys]) -> list[tuple[str, list[Node]]]:
    """The nodes of one type whose names are equal once normalised (`exact_key`), by group: only
    the names several nodes share (a name met once is kept as its node, not as a list)."""
    first: dict[str, dict[str, Node]] = {"element": {}, "indicator": {}}
    shared: dict[str, dict[str, list[Node]]] = {"element": {}, "indicator": {}}
    for node in nodes:
        key = key_of[node.id][0]
        seen = first[node.type].setdefault(key, node)
        if seen is not node:
            shared[node.type].setdefault(key, [seen]).append(node)
    return [(type_, group) for type_, groups in shared.items() for group in groups.values()]


def _by(nodes: Iterable[Node], place: Callable[[Node], str | None]) -> list[list[str]]:
    """The ids of `nodes` grouped by `place(node)`."""
    groups: dict[str | None, list[str]] = defaultdict(list)
    for node in nodes:
        groups[place(node)].append(node.id)
    return list(groups.values())


def _near_duplicates(indicators: list[Node], key_of: dict[str, Keys], linked: set[tuple[str, str]]) -> list[Detected]:
    found = []
    for first, second in sorted(candidate_pairs({node.id: key_of[node.id][1] for node in indicators})):
        (first_exact, first_words), (second_exact, second_words) = key_of[first], key_of[second]
        if first_exact == second_exact or (first, second) in linked:
            continue
        if (score := same_thing(first_words, second_words)) is not None:
            found.append(Detected("near-duplicate-indicator", (first, second), score=round(score, 3)))
    return found


def _copies_down(facts: CascadeFacts, key_of: dict[str, Keys]) -> list[Detected]:
    found = []
    for child, parent in facts.indicator_links:
        if child == parent:  # a link of an indicator to itself is a cycle, not a restatement
            continue
        if (score := same_thing(key_of[child][1], key_of[parent][1])) is not None:
            found.append(Detected("copy-down", (child, parent), score=round(score, 3)))
    return found


def _restatements(indicators: list[Node], key_of: dict[str, Keys]) -> list[Detected]:
    """The same words only: "Jumlah Pasar Rakyat yang Direvitalisasi" turns the activity
    "Revitalisasi Pasar Rakyat" into a result, with a word (di-) that only looks mistyped."""
    return [
        Detected("indicator-restates-element", (node.id, node.element), score=1.0)
        for node in indicators
        if node.element and (words := key_of[node.id][1]) and words == key_of[node.element][1]
    ]
