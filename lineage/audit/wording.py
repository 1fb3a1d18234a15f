"""The rules about what names say: duplicates, near-duplicates, copy-down, and an indicator that
only names its element. Run on `CascadeFacts`, so the offline and database paths share them.

Each problem is reported once, by the rule that says most: two names equal once normalised are a
duplicate (under one parent, or across the cascade), not also a near-duplicate; a pair in which one
indicator rolls up into the other is a copy-down, not a duplicate.
"""

from __future__ import annotations

from collections import defaultdict

from lineage.audit.facts import CascadeFacts
from lineage.audit.findings import Detected
from lineage.audit.indonesian import keys_of
from lineage.audit.similarity import candidate_pairs, ordered, same_thing


def wording_findings(facts: CascadeFacts) -> list[Detected]:  # noqa: C901  (to split: issue 12)
    indicators = facts.of_type("indicator")
    keys = keys_of(node.name for node in facts.nodes.values())
    exact = {node.id: keys[node.name][0] for node in facts.nodes.values()}
    words = {node.id: keys[node.name][1] for node in facts.nodes.values()}
    linked = {ordered(*link) for link in facts.indicator_links}
    found: list[Detected] = []

    siblings: dict[tuple[str, str | None, str], list[str]] = defaultdict(list)
    for node in facts.of_type("element"):
        above = facts.parent.get(node.id) or facts.external_parent.get(node.id)
        siblings[("element", above, exact[node.id])].append(node.id)
    for node in indicators:
        if node.element:
            siblings[("indicator", node.element, exact[node.id])].append(node.id)
    found += [Detected("duplicate-sibling", tuple(sorted(ids)), score=1.0) for ids in siblings.values() if len(ids) > 1]

    same_name: dict[str, list[str]] = defaultdict(list)
    for node in indicators:
        same_name[exact[node.id]].append(node.id)
    for ids in same_name.values():
        places = {facts.nodes[i].element or i for i in ids}
        if len(places) > 1 and not (len(ids) == 2 and ordered(*ids) in linked):
            found.append(Detected("duplicate-indicator", tuple(sorted(ids)), score=1.0))

    indicator_words = {node.id: words[node.id] for node in indicators}
    for first, second in sorted(candidate_pairs(indicator_words)):
        if exact[first] == exact[second] or (first, second) in linked:
            continue
        if (score := same_thing(words[first], words[second])) is not None:
            found.append(Detected("near-duplicate-indicator", (first, second), score=round(score, 3)))

    for child, parent in facts.indicator_links:
        if child == parent:  # a link of an indicator to itself is a cycle, not a restatement
            continue
        if (score := same_thing(words[child], words[parent])) is not None:
            found.append(Detected("copy-down", (child, parent), score=round(score, 3)))

    # The same words only: "Jumlah Pasar Rakyat yang Direvitalisasi" turns the activity
    # "Revitalisasi Pasar Rakyat" into a result, with a word (di-) that only looks mistyped.
    for node in indicators:
        if node.element and words[node.id] and words[node.id] == words[node.element]:
            found.append(Detected("indicator-restates-element", (node.id, node.element), score=1.0))
    return found
