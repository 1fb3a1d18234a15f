"""From detections to worded findings, in one order, for both audit paths.

`findings()` is where the two paths meet: each hands in its structural detections and the
cascade's facts; the wording rules run here on the facts, every detection is worded from the rule
registry's templates (in Indonesian and in English), and the result is sorted the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from lineage.audit.facts import CascadeFacts, Node
from lineage.audit.findings import Detected, Finding, FindingNode
from lineage.audit.rules import CODE_EXAMPLES, OWNER_TIERS, RULE_BY_ID, RULE_ORDER, authority_of
from lineage.audit.wording import wording_findings
from lineage.cascade.vocabulary import ElementKind, region_kind_of, serves, skipped
from lineage.language import DEFAULT, Lang


def findings(facts: CascadeFacts, structural: Iterable[Detected]) -> list[Finding]:
    detected = set(structural) | set(wording_findings(facts))
    return sorted((word(facts, d) for d in detected), key=sort_key)


def sort_key(finding: Finding) -> tuple[int, int, float, str]:
    """Errors first, then rules in registry order, the most alike duplicates first, then by id."""
    return (finding.severity.rank, RULE_ORDER[finding.rule], -(finding.score or 0.0), finding.id)


def finding_id(rule: str, nodes: Iterable[str]) -> str:
    return f"{rule}:{hashlib.sha1('|'.join(nodes).encode()).hexdigest()[:12]}"


def word(facts: CascadeFacts, detected: Detected) -> Finding:
    """The finding, worded in both languages: in Indonesian (`DEFAULT`) as it stands, in English
    through `Finding.in_language`."""
    rule = RULE_BY_ID[detected.rule]
    texts = {}
    for lang in Lang:
        context = Context(facts, detected, lang)
        words = rule.words(lang)
        texts[lang] = (words.message.format_map(context), words.fix.format_map(context))
    finding = Finding(
        id=finding_id(rule.id, detected.nodes),
        rule=rule.id,
        severity=rule.severity,
        category=rule.category,
        cascade=facts.cascade,
        message=texts[DEFAULT][0],
        fix=texts[DEFAULT][1],
        nodes=[FindingNode.model_validate(facts.nodes[n], from_attributes=True) for n in detected.nodes],
        path=list(detected.path) if detected.path else None,
        score=detected.score,
    )
    return finding.worded(texts)


#: The words of a rule's fields when no finding fills them: GET /audit/rules and the reports'
#: list of rules show every template this way, never with a `{placeholder}` left in it.
GENERIC: dict[Lang, dict[str, str]] = {
    Lang.en: {
        "a": "the element or indicator",
        "b": "the other one",
        "nodes": "the elements or indicators",
        "names": "their names",
        "count": "Several",
        "things": "elements or indicators",
        "path": "the path",
        "score": "a score",
        "a_level": "its level",
        "a_level_with_article": "its level",
        "b_level": "the other's level",
        "b_name": "the indicator above",
        "expected_parent": "level above",
        "expected_child": "level below",
        "skipped": "levels between",
        "expected_tiers": "the tier that owns its level",
        "owner": "its owner",
        "code": "its code",
        "b_code": "the parent's code",
        "example": "the nomenclature's example",
        "parent": "one parent",
        "region": "the region",
        "authority": "the region's authority digit",
        "authority_name": "this level of government's",
        "authority_found": "another digit",
    },
    Lang.id: {
        "a": "elemen atau IK ini",
        "b": "yang lain",
        "nodes": "elemen atau IK ini",
        "names": "nama-namanya",
        "count": "Beberapa",
        "things": "elemen atau IK",
        "path": "jalurnya",
        "score": "skornya",
        "a_level": "levelnya",
        "a_level_with_article": "levelnya",
        "b_level": "level yang lain",
        "b_name": "IK di atasnya",
        "expected_parent": "level di atasnya",
        "expected_child": "level di bawahnya",
        "skipped": "level di antaranya",
        "expected_tiers": "tingkatan jabatan levelnya",
        "owner": "penanggung jawabnya",
        "code": "kodenya",
        "b_code": "kode induknya",
        "example": "contoh nomenklatur",
        "parent": "satu induk",
        "region": "daerah ini",
        "authority": "digit kewenangan daerah",
        "authority_name": "tingkat pemerintahan ini",
        "authority_found": "digit lain",
    },
}


def generic(template: str, lang: Lang) -> str:
    """A rule's message or fix with its fields named in general words."""
    return template.format_map(GENERIC[lang])


#: The words a finding's fields are built from, in each language.
_WORDS: dict[Lang, dict[str, str]] = {
    Lang.en: {
        "ik": "IK",
        "indicators": "indicators",
        "elements": "elements",
        "or": " or ",
        "and": " and ",
        "level": "level",
        "levels": "levels",
        "level_between": "level between",
        "level_above": "level above",
        "level_below": "level below",
        "tier_of_level": "the tier of its level",
        "nobody": "nobody",
        "no_element": "no element",
        "another_cascade": "in another cascade",
        "top": "the top of the cascade",
        "this_region": "this region",
        "no_element_level": "indicator of no element",
    },
    Lang.id: {
        "ik": "IK",
        "indicators": "IK",
        "elements": "elemen",
        "or": " atau ",
        "and": " dan ",
        "level": "level",
        "levels": "level",
        "level_between": "level di antaranya",
        "level_above": "level di atasnya",
        "level_below": "level di bawahnya",
        "tier_of_level": "tingkatan jabatan levelnya",
        "nobody": "tidak seorang pun",
        "no_element": "tanpa elemen",
        "another_cascade": "di cascading lain",
        "top": "puncak cascading",
        "this_region": "daerah ini",
        "no_element_level": "IK tanpa elemen",
    },
}


def describe(node: Node, lang: Lang = DEFAULT) -> str:
    """'sub kegiatan IK "Name" (id)' in English, 'IK sub kegiatan "Name" (id)' in Indonesian."""
    level = node.kind.term_in(lang) if node.kind else ""
    if node.type == "indicator":
        if lang is Lang.id:
            return f'IK {level + " " if level else ""}"{node.name}" ({node.local_id})'
        return f'{level + " " if level else ""}IK "{node.name}" ({node.local_id})'
    return f'{level} "{node.name}" ({node.local_id})'


class Context(dict[str, str]):
    """The fields a rule's message and fix may use, each computed when a template asks for it,
    in the language asked for:
    a, b, nodes (descriptions); names; count; things; path; score; a_level (a_level_with_article),
    b_level; b_name;
    expected_parent, expected_child, skipped, expected_tiers; owner; code, b_code, example;
    parent; region, authority, authority_name, authority_found."""

    def __init__(self, facts: CascadeFacts, detected: Detected, lang: Lang = DEFAULT) -> None:
        super().__init__()
        self.facts = facts
        self.detected = detected
        self.lang = lang
        self.words = _WORDS[lang]
        self.nodes = [facts.nodes[n] for n in detected.nodes]

    def __missing__(self, key: str) -> str:
        value = str(getattr(self, f"_{key}")())
        self[key] = value
        return value

    # -- the nodes
    def _a(self) -> str:
        return describe(self.nodes[0], self.lang)

    def _b(self) -> str:
        return describe(self.nodes[1], self.lang)

    def _b_name(self) -> str:
        return self.nodes[1].name

    def _nodes(self) -> str:
        return "; ".join(describe(n, self.lang) for n in self.nodes)

    def _names(self) -> str:
        return " / ".join(f'"{n.name}" ({n.local_id})' for n in self.nodes)

    def _count(self) -> int:
        return len(self.nodes)

    def _things(self) -> str:
        return self.words["indicators"] if self.nodes[0].type == "indicator" else self.words["elements"]

    def _path(self) -> str:
        return " -> ".join(self.facts.nodes[n].local_id for n in self.detected.path or ())

    def _score(self) -> str:
        return f"{self.detected.score:.2f}"

    # -- levels
    def _a_level(self) -> str:
        return self._level_name(self.nodes[0].kind)

    def _a_level_with_article(self) -> str:
        level = self._a_level()
        if self.lang is Lang.id:
            return level
        return f"{'an' if level[0] in 'aeiou' else 'a'} {level}"

    def _b_level(self) -> str:
        return self._level_name(self.nodes[1].kind)

    def _expected_parent(self) -> str:
        kind = self.nodes[0].kind
        return self._either(serves(kind)) if kind and kind.level > 0 else self.words["level_above"]

    def _expected_child(self) -> str:
        kind = self.nodes[0].kind
        below = [k for k in ElementKind if kind and kind in serves(k)]
        return self._either(below) if below else self.words["level_below"]

    def _skipped(self) -> str:
        a, b = self.nodes[0].kind, self.nodes[1].kind
        names = [k.term_in(self.lang) for k in skipped(a, b)] if a and b else []
        if not names:
            return self.words["level_between"]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + self.words["and"] + names[-1]
        if self.lang is Lang.id:
            return f"level {listed}"
        return f"{listed} level{'s' if len(names) > 1 else ''}"

    # -- owners
    def _expected_tiers(self) -> str:
        """The tiers that own the level; of the heads, only this region's when its kind is known."""
        kind = self.nodes[0].kind
        if kind is None:
            return self.words["tier_of_level"]
        region = region_kind_of(self.facts.region or "")
        tiers = [t for t in OWNER_TIERS[kind] if region is None or not t.is_head or t is region.head]
        return self.words["or"].join(t.label for t in tiers)

    def _owner(self) -> str:
        owner = self.nodes[0].owner
        return f"{owner.name} [{owner.tier_label}]" if owner else self.words["nobody"]

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
            return describe(self.facts.nodes[first.element], self.lang) if first.element else self.words["no_element"]
        if above := self.facts.parent.get(first.id):
            return describe(self.facts.nodes[above], self.lang)
        if above := self.facts.external_parent.get(first.id):
            return f"{above} ({self.words['another_cascade']})"
        return self.words["top"]

    def _region(self) -> str:
        return self.facts.region or self.words["this_region"]

    def _authority(self) -> str:
        return self._authority_of()[0]

    def _authority_name(self) -> str:
        return self._authority_of()[1]

    def _authority_found(self) -> str:
        return self._code().split(".")[3]

    def _authority_of(self) -> tuple[str, str]:
        return authority_of(self.facts.region or "") or ("?", "?")

    def _level_name(self, kind: ElementKind | None) -> str:
        return kind.term_in(self.lang) if kind else self.words["no_element_level"]

    def _either(self, kinds: Sequence[ElementKind]) -> str:
        """ "program", or "agency goal or mayor goal": the levels a link may go to."""
        return self.words["or"].join(kind.term_in(self.lang) for kind in kinds)
