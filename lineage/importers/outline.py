"""The plan as an importer reads it (goals, targets, programs, kegiatan, sub kegiatan with their
indicators, per agency), and its one translation into validated `Cascade`s.

Why an outline between the sources and the model: a spreadsheet, a CSV export per table and a
SQL dump describe the same plan in different shapes. Each reader only has to say what it found
(and where, for the report); ids, positions, ordering and the split into cascades are decided
here, once, so the same plan gives the same graph whatever it came in.

How the plan becomes cascades. One agency: one cascade holding everything, its tujuan as the
mayor's goals (as in the Makassar cascade). Several agencies of one region: the goals they share
go into the region's RPJMD cascade (`<region>-rpjmd-<start>-<end>`), and each agency's cascade
holds its targets and below, its targets serving those goals across cascades (`external_parent`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from lineage.cascade.errors import CascadeFileError, Problem
from lineage.cascade.links import CascadeLinks, cycle_problems, reference_problems
from lineage.cascade.model import (
    Cascade,
    Element,
    ElementKind,
    Indicator,
    IndicatorType,
    Measure,
    Period,
    Polarity,
    Position,
    Realisation,
    Tier,
    parse_period,
)
from lineage.text import fold

#: Who owns an element of each level when the source names a responsible unit (SAKIP's cascade:
#: programs are Eselon III's, kegiatan Eselon IV's, sub kegiatan the staff's).
TIER_OF = {
    ElementKind.mayor_goal: Tier.walikota,
    ElementKind.agency_target: Tier.kepala_dinas,
    ElementKind.program: Tier.eselon_iii,
    ElementKind.kegiatan: Tier.eselon_iv,
    ElementKind.sub_kegiatan: Tier.staff,
}
ID_PREFIX = {
    ElementKind.mayor_goal: "tujuan",
    ElementKind.agency_target: "sasaran",
    ElementKind.program: "program",
    ElementKind.kegiatan: "kegiatan",
    ElementKind.sub_kegiatan: "subkegiatan",
}


@dataclass(frozen=True)
class Where:
    """Where something was read: file, sheet or table, row as the source numbers it, column."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None = None

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.row, "", message, self.sheet, self.column)

    def at(self, column: str | None) -> Where:
        return Where(self.file, self.sheet, self.row, column)


@dataclass
class OutlineIndicator:
    name: str
    where: Where
    unit: str | None = None
    type: IndicatorType | None = None
    polarity: Polarity | None = None
    definition: str | None = None
    formula: str | None = None
    data_source: str | None = None
    frequency: str | None = None
    baseline: Measure | None = None
    baseline_year: int | None = None
    targets: dict[int, Measure] = field(default_factory=dict)
    #: (year, quarter or None) -> value
    realisations: dict[tuple[int, int | None], Measure] = field(default_factory=dict)

    def figures(self) -> tuple:
        """What must agree when two rows (two agencies' sheets) state the same indicator."""
        return (self.unit, self.baseline, self.targets, self.realisations, self.polarity, self.type)


@dataclass(eq=False)
class OutlineNode:
    kind: ElementKind
    name: str
    where: Where
    code: str | None = None
    #: None for the goals, which agencies share.
    agency: str | None = None
    parent: OutlineNode | None = None
    responsible: str | None = None
    budget: dict[int, float] = field(default_factory=dict)
    indicators: list[OutlineIndicator] = field(default_factory=list)
    children: list[OutlineNode] = field(default_factory=list)

    def describe(self) -> str:
        return f"{self.kind.value.replace('_', ' ')} {self.code or repr(self.name)}"


@dataclass
class Outline:
    """What one source holds; `problems` are the rows that could not be read (one per row at most
    for the report's "skipped" list; a row may have several)."""

    source: str
    region: str | None = None
    period: Period | None = None
    #: agency name -> its sasaran (top nodes of the agency), in order of appearance
    agencies: dict[str, list[OutlineNode]] = field(default_factory=dict)
    goals: list[OutlineNode] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: rows left out on purpose (totals, blank), with why: reported, not errors
    notes: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    #: columns whose header matched no known wording, "<sheet>: <letter> (<header>)"
    unknown_columns: list[str] = field(default_factory=list)

    def add_child(self, parent: OutlineNode | None, node: OutlineNode) -> None:
        """An agency's targets are listed under the agency, not under the goal they serve: the goals
        may go into another cascade (the region's), shared by several agencies."""
        node.parent = parent
        if node.kind is ElementKind.mayor_goal:
            self.goals.append(node)
        elif node.kind is ElementKind.agency_target or parent is None or parent.kind is ElementKind.mayor_goal:
            self.agencies.setdefault(node.agency or "", []).append(node)
        else:
            parent.children.append(node)


@dataclass(frozen=True)
class BuildOptions:
    cascade_id: str | None = None
    agency: str | None = None
    region: str | None = None
    period: str | None = None
    version: str | None = None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or "x"


def head_of_region(region: str) -> str:
    words = region.split()
    if words and fold(words[0]) == "kota":
        return "Walikota " + " ".join(words[1:])
    if words and fold(words[0]) in ("kabupaten", "kab", "kab."):
        return "Bupati " + " ".join(words[1:])
    if words and fold(words[0]) == "provinsi":
        return "Gubernur " + " ".join(words[1:])
    return f"Kepala Daerah {region}"


def build_cascades(outline: Outline, options: BuildOptions) -> list[Cascade]:
    """The cascades the outline describes (the region's goals first, when shared), validated;
    raises `CascadeFileError` naming the source if the model refuses them."""
    region = options.region or outline.region
    if not region:
        raise CascadeFileError(
            [Problem(outline.source, None, "", "the region is not stated in the source: give it (--region)")]
        )
    period = _period(options.period, outline)
    agencies = list(outline.agencies) or [options.agency or ""]
    if len(agencies) == 1 and options.agency:
        outline.agencies = {options.agency: outline.agencies.get(agencies[0], [])}
        for node in outline.agencies[options.agency]:
            _set_agency(node, options.agency)
        agencies = [options.agency]
    if not all(agencies):
        raise CascadeFileError(
            [Problem(outline.source, None, "", "the agency (OPD) is not stated in the source: give it (--agency)")]
        )
    span = f"{period.start}-{period.end}"
    shared = len(agencies) > 1
    cascades: list[Cascade] = []
    goal_ids = _number(outline.goals, "")
    goals_cascade = f"{slug(region)}-rpjmd-{span}"
    if shared:
        cascades.append(
            _cascade(
                goals_cascade,
                f"RPJMD {region}",
                region,
                period,
                options.version,
                outline.source,
                goals=outline.goals,
                goal_ids=goal_ids,
                tops=[],
                external=None,
            )
        )
    for agency in agencies:
        tops = outline.agencies.get(agency, [])
        cascade_id = (
            options.cascade_id if (options.cascade_id and not shared) else f"{slug(region)}-{slug(agency)}-{span}"
        )
        used_goals = [] if shared else outline.goals
        cascades.append(
            _cascade(
                cascade_id,
                agency,
                region,
                period,
                options.version,
                outline.source,
                goals=used_goals,
                goal_ids=goal_ids,
                tops=tops,
                external=goals_cascade if shared else None,
            )
        )
    return cascades


def _set_agency(node: OutlineNode, agency: str) -> None:
    node.agency = agency
    for child in node.children:
        _set_agency(child, agency)


def _period(given: str | None, outline: Outline) -> Period:
    if given:
        try:
            return parse_period(given)
        except ValueError as exc:
            raise CascadeFileError([Problem(outline.source, None, "period", str(exc))]) from None
    if outline.period:
        return outline.period
    raise CascadeFileError(
        [Problem(outline.source, None, "", "the period is not stated in the source: give it (--period 2025-2029)")]
    )


def _number(nodes: list[OutlineNode], prefix: str) -> dict[int, str]:
    """Element ids: from the official code when there is one, else numbered in reading order
    (tujuan-1, sasaran-2, program-1.3 for a program without code under sasaran 1)."""
    ids: dict[int, str] = {}
    for n, node in enumerate(nodes, 1):
        ids[id(node)] = f"{ID_PREFIX[node.kind]}-{node.code or (prefix + str(n))}"
    return ids


def _cascade(  # noqa: C901  (to split: issue 12)
    cascade_id: str,
    agency: str,
    region: str,
    period: Period,
    version: str | None,
    source: str,
    *,
    goals: list[OutlineNode],
    goal_ids: dict[int, str],
    tops: list[OutlineNode],
    external: str | None,
) -> Cascade:
    positions: dict[str, Position] = {}
    elements: list[Element] = []
    indicators: list[Indicator] = []
    ids = dict(goal_ids)

    def position(kind: ElementKind, node: OutlineNode) -> str | None:
        tier = TIER_OF[kind]
        if kind is ElementKind.mayor_goal:
            pid, name = "walikota", head_of_region(region)
        elif kind is ElementKind.agency_target:
            pid, name = "kepala-perangkat-daerah", f"Kepala {node.agency or agency}"
        elif node.responsible:
            pid, name = f"{tier.value.replace('_', '-')}-{slug(node.responsible)}", f"{tier.label}, {node.responsible}"
        else:
            return None
        positions.setdefault(pid, Position(id=pid, name=name, tier=tier))
        return pid

    def visit(node: OutlineNode, parent_id: str | None, external_parent: str | None) -> None:
        element_id = ids[id(node)]
        elements.append(
            Element(
                id=element_id,
                kind=node.kind,
                name=node.name,
                code=node.code,
                parent=parent_id,
                external_parent=external_parent,
                owner=position(node.kind, node),
                budget=node.budget,
            )
        )
        for k, ind in enumerate(node.indicators, 1):
            indicators.append(
                Indicator(
                    id=f"ik-{element_id}-{k}",
                    name=ind.name,
                    measures=element_id,
                    unit=ind.unit,
                    type=ind.type,
                    polarity=ind.polarity,
                    definition=ind.definition,
                    formula=ind.formula,
                    data_source=ind.data_source,
                    frequency=ind.frequency,
                    baseline=ind.baseline,
                    baseline_year=ind.baseline_year,
                    targets=ind.targets,
                    realisations=[
                        Realisation(year=y, quarter=q, **m.model_dump())
                        for (y, q), m in sorted(
                            ind.realisations.items(), key=lambda item: (item[0][0], item[0][1] or 0)
                        )
                    ],
                )
            )
        numbered = [child for child in node.children if not child.code]
        prefix = element_id.split("-", 1)[1] + "."
        child_ids = _number(numbered, prefix)
        for child in node.children:
            ids[id(child)] = child_ids.get(id(child)) or f"{ID_PREFIX[child.kind]}-{child.code}"
            visit(child, element_id, None)

    for goal in goals:
        visit(goal, None, None)
    top_ids = _number([t for t in tops if not t.code], "")
    for top in tops:
        ids[id(top)] = top_ids.get(id(top)) or f"{ID_PREFIX[top.kind]}-{top.code}"
        goal = top.parent if top.parent is not None and top.parent.kind is ElementKind.mayor_goal else None
        if external and goal is not None:
            visit(top, None, f"{external}:{goal_ids[id(goal)]}")
        else:
            visit(top, goal_ids.get(id(goal)) if goal is not None else None, None)
    try:
        cascade = Cascade(
            id=cascade_id,
            version=version,
            agency=agency,
            region=region,
            period=period,
            source=source,
            positions=list(positions.values()),
            elements=elements,
            indicators=indicators,
        )
    except ValidationError as exc:
        raise CascadeFileError(
            [Problem(source, None, ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
        ) from None
    problems = reference_problems(cascade) or cycle_problems(cascade, CascadeLinks.of(cascade))
    if problems:
        raise CascadeFileError([Problem(source, None, ".".join(map(str, p.loc)), p.message) for p in problems])
    return cascade
