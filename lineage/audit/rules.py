"""The audit rules, as data: one registry that the detectors, the messages, the API and the
reports all read, so a rule's id, severity, wording and fix are written in exactly one place.

A message and a fix are templates. Their fields are filled from the finding's nodes by
`lineage.audit.build` (`{a}` and `{b}` are the first and second node, `{nodes}` all of them;
the other fields are listed in `build.Context`). Detection lives elsewhere: the offline path
(`offline.py`, networkx), the database path (`database.py` and `cypher/audit_*.cypher`) and,
shared by both, the wording rules (`wording.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lineage.cascade.vocabulary import LEVELS, REGIONS, ElementKind, Tier, region_kind_of


class Severity(StrEnum):
    #: the roll-up is broken or wrong: what an evaluator will reject
    error = "error"
    #: the roll-up holds but is weak, redundant or unaccountable: what an evaluator will question
    warning = "warning"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class Category(StrEnum):
    orphans = "orphans"
    completeness = "completeness"
    levels = "levels"
    ownership = "ownership"
    duplicates = "duplicates"
    codes = "codes"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    category: Category
    title: str
    #: what the rule checks, for the reports and GET /audit/rules
    description: str
    message: str
    fix: str


RULES: tuple[Rule, ...] = (
    # -- orphans -------------------------------------------------------------------------------
    Rule(
        "orphan-element",
        Severity.error,
        Category.orphans,
        "Element that contributes to nothing",
        "An element below the top of a cascade (the region's goals, or an agency's own goals) that has no parent element.",
        "{a} is below the top of the cascade but has no parent: it contributes to nothing.",
        "Set its parent to the {expected_parent} it serves, or remove it if it serves none.",
    ),
    Rule(
        "orphan-indicator",
        Severity.error,
        Category.orphans,
        "Indicator that rolls up into nothing",
        "An indicator of an element below the top that rolls up into no indicator (left out when its "
        "element is itself an orphan: that finding says it).",
        "{a} rolls up into no indicator, so its result counts for nothing above it.",
        "Name the indicator(s) of the {expected_parent} above that it serves in its contributes_to, "
        "or give that {expected_parent} an indicator.",
    ),
    Rule(
        "unmeasured-indicator",
        Severity.error,
        Category.orphans,
        "Indicator that measures no element",
        "An indicator that is not written in any box of the cascade (no `measures`).",
        "{a} measures no element: nobody can tell which goal, target, program or activity it belongs to.",
        "Set its measures to the element (box) whose performance it measures.",
    ),
    Rule(
        "unsupported-indicator",
        Severity.warning,
        Category.orphans,
        "Indicator that nothing rolls up into",
        "An indicator above the sub kegiatan level that no indicator rolls up into, although the "
        "elements under its element carry indicators (at the top: the mayor's IK nothing supports).",
        "{a} is not supported by any indicator of the level below: nothing shows how it will be reached.",
        "Link the indicators of the {expected_child} under it to it (contributes_to), or drop it.",
    ),
    # -- completeness --------------------------------------------------------------------------
    Rule(
        "childless-element",
        Severity.warning,
        Category.completeness,
        "Element with nothing under it",
        "A goal, target, program or kegiatan with no element under it: a leaf above the sub kegiatan level.",
        "{a} has no {expected_child} under it, so nothing delivers it.",
        "Add the {expected_child} that delivers it, or remove it.",
    ),
    Rule(
        "element-without-indicator",
        Severity.warning,
        Category.completeness,
        "Element without an indicator",
        "An element (box) that no indicator measures.",
        "{a} has no indicator: its performance cannot be measured or rolled up.",
        "Add at least one indicator (IK) that measures it.",
    ),
    # -- levels --------------------------------------------------------------------------------
    Rule(
        "level-skip",
        Severity.warning,
        Category.levels,
        "Contribution that skips a level",
        "A contribution from one level to a level more than one step above it (an indicator link "
        "that follows its elements' link is judged with that link).",
        "{a} contributes straight to {b}, skipping the {skipped}.",
        "Link it through a {expected_parent} in between, or move it under one.",
    ),
    Rule(
        "level-sideways",
        Severity.error,
        Category.levels,
        "Contribution within one level",
        "A contribution between two elements or indicators of the same level.",
        "{a} contributes to {b}, which is on the same level ({a_level}).",
        "Link it to a {expected_parent} of the level above instead.",
    ),
    Rule(
        "level-upward",
        Severity.error,
        Category.levels,
        "Contribution to a lower level",
        "A contribution from a level to a level below it: the roll-up runs backwards.",
        "{a} contributes to {b}, which is below it ({a_level} into {b_level}).",
        "Reverse the link, or link it to a {expected_parent} of the level above.",
    ),
    Rule(
        "cycle",
        Severity.error,
        Category.levels,
        "Cycle",
        "Elements or indicators that roll up into themselves; one finding per cycle, with its path "
        "(an indicator cycle that only follows an element cycle is reported with the elements).",
        "{count} {things} roll up into themselves: {path}.",
        "Remove the link that goes back down the cascade, so the roll-up reaches the top.",
    ),
    # -- ownership -----------------------------------------------------------------------------
    Rule(
        "missing-owner",
        Severity.error,
        Category.ownership,
        "No owner",
        "An element or indicator that no position owns (an indicator without owner of an element "
        "without owner is reported with its element).",
        "{a} has no owner: nobody is accountable for it.",
        "Set its owner to the position accountable for it ({expected_tiers}).",
    ),
    Rule(
        "owner-tier-mismatch",
        Severity.warning,
        Category.ownership,
        "Owner at the wrong tier",
        "An element or indicator owned by a position whose tier does not fit its level (a program "
        "owned by JAFUNG/STAF); an indicator with its element's owner is reported with its element.",
        "{a} is owned by {owner}, but {a_level_with_article} is owned at {expected_tiers}.",
        "Give it to a position at {expected_tiers}, or move it to the level its owner works at.",
    ),
    # -- duplicates ----------------------------------------------------------------------------
    Rule(
        "duplicate-sibling",
        Severity.error,
        Category.duplicates,
        "Duplicate under one parent",
        "Elements under the same parent, or indicators of the same element, whose names are the same "
        "once case, punctuation and spelling are normalised.",
        "{count} {things} under {parent} have the same name: {names}.",
        "Keep one and remove the other(s), or rename them to say how they differ.",
    ),
    Rule(
        "duplicate-indicator",
        Severity.warning,
        Category.duplicates,
        "Same indicator in several places",
        "Indicators of different elements whose names are the same once case, punctuation and "
        "spelling are normalised (a pair where one rolls up into the other is a copy-down).",
        "{count} indicators in different places have the same name: {names}.",
        "Measure it once, at the level that owns the result, and link the others to it; or rename "
        "them to say what each one measures.",
    ),
    Rule(
        "near-duplicate-indicator",
        Severity.warning,
        Category.duplicates,
        "Near-duplicate indicators",
        "Two indicators whose names say the same thing once Indonesian wording is normalised "
        "(case, punctuation, Presentase/Persentase, word order, filler and measure words, acronyms, "
        "a mistyped word), scored from 0 to 1; a word only one of them has makes them two indicators.",
        "{a} and {b} say nearly the same thing (score {score}).",
        "If they are one indicator, keep one and link to it; if not, rename them to say how they differ.",
    ),
    Rule(
        "copy-down",
        Severity.warning,
        Category.duplicates,
        "Indicator copied down from its parent",
        "An indicator that restates the indicator it rolls up into instead of refining it.",
        "{a} restates {b}, the indicator it rolls up into (score {score}).",
        'Write what this {a_level} delivers towards "{b_name}": its own output or outcome, not the same words.',
    ),
    Rule(
        "indicator-restates-element",
        Severity.warning,
        Category.duplicates,
        "Indicator that names its element",
        "An indicator whose name only repeats the name of the element it measures (the same words, "
        "filler aside): it names the activity, not a result that can be measured.",
        "{a} only repeats the name of {b} (score {score}).",
        "State the result to be measured (what, how many, of whom), not the activity's name.",
    ),
    # -- codes (Kepmendagri 050-5889/2021) -----------------------------------------------------
    Rule(
        "code-shape",
        Severity.error,
        Category.codes,
        "Code of the wrong shape",
        "A program, kegiatan or sub kegiatan code that is not written as Kepmendagri 050-5889/2021 "
        "writes that level (program 2.17.04, kegiatan 2.17.04.2.01, sub kegiatan 2.17.04.2.01.0001).",
        "{a} has code {code}, which is not the shape of a {a_level} code (like {example}).",
        "Write the code as the nomenclature gives it for a {a_level}, like {example}.",
    ),
    Rule(
        "code-prefix",
        Severity.error,
        Category.codes,
        "Code that does not start with its parent's",
        "A kegiatan or sub kegiatan whose code does not start with the code of the program or kegiatan above it.",
        "{a} has code {code}, which does not start with the code {b_code} of {b}.",
        "Correct the code from the nomenclature, or move the element under the parent its code names.",
    ),
    Rule(
        "code-authority",
        Severity.error,
        Category.codes,
        "Code of another level of government",
        "A kegiatan or sub kegiatan code whose authority digit (4th segment) is not the cascade's: 2 for "
        "a city (kota) or regency (kabupaten), 1 for a province (reported once, on the highest element).",
        "{a} has code {code} with authority digit {authority_found}, but {region} carries {authority}.",
        "Use the kegiatan of the {authority_name} nomenclature (4th segment {authority}).",
    ),
)

RULE_IDS = tuple(rule.id for rule in RULES)
RULE_BY_ID = {rule.id: rule for rule in RULES}
RULE_ORDER = {rule.id: index for index, rule in enumerate(RULES)}


#: Which tiers own each level (SAKIP cascading after the 2021 simplification of the bureaucracy:
#: kegiatan and sub kegiatan may sit with Eselon IV or with JAFUNG/STAF), from the vocabulary.
OWNER_TIERS: dict[ElementKind, tuple[Tier, ...]] = {kind: info.owners for kind, info in LEVELS.items()}

#: Code shapes of Kepmendagri 050-5889/2021: urusan.bidang.program[.authority.kegiatan[.sub]];
#: X stands for "any urusan" in the programs every agency runs (X.XX.01, program penunjang).
CODE_SHAPES: dict[ElementKind, str] = {
    ElementKind.program: r"[0-9X]\.[0-9X]{2}\.\d{2}",
    ElementKind.kegiatan: r"[0-9X]\.[0-9X]{2}\.\d{2}\.\d\.\d{2}",
    ElementKind.sub_kegiatan: r"[0-9X]\.[0-9X]{2}\.\d{2}\.\d\.\d{2}\.\d{4}",
}
CODE_EXAMPLES = {
    ElementKind.program: "2.17.04",
    ElementKind.kegiatan: "2.17.04.2.01",
    ElementKind.sub_kegiatan: "2.17.04.2.01.0001",
}
#: Levels whose code carries the authority digit, and levels whose code a child's code extends.
AUTHORITY_LEVELS = (ElementKind.kegiatan, ElementKind.sub_kegiatan)
CODE_PARENT_LEVELS = (ElementKind.program, ElementKind.kegiatan)


def authority_of(region: str) -> tuple[str, str] | None:
    """(digit, name) for a region written "Kota Makassar", "Kabupaten Gowa", "Provinsi ..."; None
    when the region does not say which level of government it is."""
    kind = region_kind_of(region)
    return (REGIONS[kind].authority, REGIONS[kind].authority_name) if kind else None
