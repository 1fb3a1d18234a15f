"""From detections to worded findings, in one order, for both audit paths.

`findings()` is where the two paths meet: each hands in its structural detections and the
cascade's facts; the wording rules run here on the facts, every detection is worded from the rule
registry's templates, and the result is sorted the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from lineage.audit.facts import CascadeFacts, Node
from lineage.audit.findings import Detected, Finding, FindingNode
from lineage.audit.rules import CODE_EXAMPLES, OWNER_TIERS, RULE_BY_ID, RULE_ORDER, authority_of
from lineage.audit.wording import wording_findings
from lineage.cascade.vocabulary import ElementKind, region_kind_of, serves, skipped


def findings(facts: CascadeFacts, structural: Iterable[Detected]) -> list[Finding]:
    detected = set(structural) | set(wording_findings(facts))
    return sorted((word(facts, d) for d in detected), key=sort_key)


def sort_key(finding: Finding) -> tuple[int, int, float, str]:
    """Errors first, then rules in registry order, the most alike duplicates first, then by id."""
    return (finding.severity.rank, RULE_ORDER[finding.rule], -(finding.score or 0.0), finding.id)


def finding_id(rule: str, nodes: Iterable[str]) -> str:
    return f"{rule}:{hashlib.sha1('|'.join(nodes).encode()).hexdigest()[:12]}"


def word(facts: CascadeFacts, detected: Detected) -> Finding:
    rule = RULE_BY_ID[detected.rule]
    context = Context(facts, detected)
    return Finding(
        id=finding_id(rule.id, detected.nodes),
        rule=rule.id,
        severity=rule.severity,
        category=rule.category,
        cascade=facts.cascade,
        message=rule.message.format_map(context),
        fix=rule.fix.format_map(context),
        nodes=[FindingNode.model_validate(facts.nodes[n], from_attributes=True) for n in detected.nodes],
        path=list(detected.path) if detected.path else None,
        score=detected.score,
    )


def describe(node: Node) -> str:
    level = node.kind.term if node.kind else ""
    if node.type == "indicator":
        return f'{level + " " if level else ""}IK "{node.name}" ({node.local_id})'
    return f'{level} "{node.name}" ({node.local_id})'


class Context(dict[str, str]):
    """The fields a rule's message and fix may use, each computed when a template asks for it:
    a, b, nodes (descriptions); names; count; things; path; score; a_level (a_level_with_article),
    b_level; b_name;
    expected_parent, expected_child, skipped, expected_tiers; owner; code, b_code, example;
    parent; region, authority, authority_name, authority_found."""

    def __init__(self, facts: CascadeFacts, detected: Detected) -> None:
        super().__init__()
        self.facts = facts
        self.detected = detected
        self.nodes = [facts.nodes[n] for n in detected.nodes]

    def __missing__(self, key: str) -> str:
        value = str(getattr(self, f"_{key}")())
        self[key] = value
        return value

    # -- the nodes
    def _a(self) -> str:
        return describe(self.nodes[0])

    def _b(self) -> str:
        return describe(self.nodes[1])

    def _b_name(self) -> str:
        return self.nodes[1].name

    def _nodes(self) -> str:
        return "; ".join(describe(n) for n in self.nodes)

    def _names(self) -> str:
        return " / ".join(f'"{n.name}" ({n.local_id})' for n in self.nodes)

    def _count(self) -> int:
        return len(self.nodes)

    def _things(self) -> str:
        return "indicators" if self.nodes[0].type == "indicator" else "elements"

    def _path(self) -> str:
        return " -> ".join(self.facts.nodes[n].local_id for n in self.detected.path or ())

    def _score(self) -> str:
        return f"{self.detected.score:.2f}"

    # -- levels
    def _a_level(self) -> str:
        return _level_name(self.nodes[0].kind)

    def _a_level_with_article(self) -> str:
        level = self._a_level()
        return f"{'an' if level[0] in 'aeiou' else 'a'} {level}"

    def _b_level(self) -> str:
        return _level_name(self.nodes[1].kind)

    def _expected_parent(self) -> str:
        kind = self.nodes[0].kind
        return _either(serves(kind)) if kind and kind.level > 0 else "level above"

    def _expected_child(self) -> str:
        kind = self.nodes[0].kind
        below = [k for k in ElementKind if kind and kind in serves(k)]
        return _either(below) if below else "level below"

    def _skipped(self) -> str:
        a, b = self.nodes[0].kind, self.nodes[1].kind
        names = [k.term for k in skipped(a, b)] if a and b else []
        if not names:
            return "level between"
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{listed} level{'s' if len(names) > 1 else ''}"

    # -- owners
    def _expected_tiers(self) -> str:
        """The tiers that own the level; of the heads, only this region's when its kind is known."""
        kind = self.nodes[0].kind
        if kind is None:
            return "the tier of its level"
        region = region_kind_of(self.facts.region or "")
        tiers = [t for t in OWNER_TIERS[kind] if region is None or not t.is_head or t is region.head]
        return " or ".join(t.label for t in tiers)

    def _owner(self) -> str:
        owner = self.nodes[0].owner
        return f"{owner.name} [{owner.tier_label}]" if owner else "nobody"

    # -- codes
    def _code(self) -> str:
        return self.nodes[0].code or ""

    def _b_code(self) -> str:
        return self.nodes[1].code or ""

    def _example(self) -> str:
        kind = self.nodes[0].kind
        return CODE_EXAMPLES.get(kind, "") if kind else ""

    def _parent(self) -> str:
        first = self.nodes[0]
        if first.type == "indicator":
            return describe(self.facts.nodes[first.element]) if first.element else "no element"
        if above := self.facts.parent.get(first.id):
            return describe(self.facts.nodes[above])
        if above := self.facts.external_parent.get(first.id):
            return f"{above} (in another cascade)"
        return "the top of the cascade"

    def _region(self) -> str:
        return self.facts.region or "this region"

    def _authority(self) -> str:
        return self._authority_of()[0]

    def _authority_name(self) -> str:
        return self._authority_of()[1]

    def _authority_found(self) -> str:
        return self._code().split(".")[3]

    def _authority_of(self) -> tuple[str, str]:
        return authority_of(self.facts.region or "") or ("?", "?")


def _level_name(kind: ElementKind | None) -> str:
    return kind.term if kind else "indicator of no element"


def _either(kinds: Sequence[ElementKind]) -> str:
    """ "program", or "agency goal or mayor goal": the levels a link may go to."""
    return " or ".join(kind.term for kind in kinds)
