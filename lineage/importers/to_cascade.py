"""A read plan into validated `Cascade`s: ids, positions, and the split into cascades, decided
here once for every reader.

One agency: one cascade holding everything, its tujuan as the mayor's goals (as in the Makassar
cascade). Several agencies of one region: the goals they share go into the region's RPJMD cascade
(`<region>-rpjmd-<start>-<end>`), and each agency's cascade holds its targets and below, its
targets serving those goals across cascades (`external_parent`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from lineage.cascade.errors import CascadeFileError, Problem
from lineage.cascade.links import CascadeLinks, cycle_problems, reference_problems
from lineage.cascade.model import (
    Cascade,
    Element,
    ElementKind,
    Indicator,
    Period,
    Position,
    Realisation,
    Tier,
    parse_period,
)
from lineage.importers.plan import Plan, PlanIndicator, PlanNode
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


def build_cascades(plan: Plan, options: BuildOptions) -> list[Cascade]:
    """The cascades the plan describes (the region's goals first, when shared), validated;
    raises `CascadeFileError` naming the source if the model refuses them."""
    region = options.region or plan.region
    if not region:
        raise CascadeFileError(
            [Problem(plan.source, None, "", "the region is not stated in the source: give it (--region)")]
        )
    period = _period(options.period, plan)
    agencies = _agencies(plan, options)
    span = f"{period.start}-{period.end}"
    shared = len(agencies) > 1
    goal_ids = _number(plan.goals, "")
    goals_cascade = f"{slug(region)}-rpjmd-{span}"
    cascades: list[Cascade] = []
    if shared:
        builder = _Builder(goals_cascade, f"RPJMD {region}", region, period, options.version, plan.source, goal_ids)
        cascades.append(builder.build(plan.goals, [], None))
    for agency in agencies:
        cascade_id = (
            options.cascade_id if (options.cascade_id and not shared) else f"{slug(region)}-{slug(agency)}-{span}"
        )
        builder = _Builder(cascade_id, agency, region, period, options.version, plan.source, goal_ids)
        tops = plan.agencies.get(agency, [])
        cascades.append(builder.build([] if shared else plan.goals, tops, goals_cascade if shared else None))
    return cascades


def _agencies(plan: Plan, options: BuildOptions) -> list[str]:
    """The agencies of the plan; the agency given as an option names the plan's one agency."""
    agencies = list(plan.agencies) or [options.agency or ""]
    if len(agencies) == 1 and options.agency:
        plan.agencies = {options.agency: plan.agencies.get(agencies[0], [])}
        for node in plan.agencies[options.agency]:
            _set_agency(node, options.agency)
        agencies = [options.agency]
    if not all(agencies):
        raise CascadeFileError(
            [Problem(plan.source, None, "", "the agency (OPD) is not stated in the source: give it (--agency)")]
        )
    return agencies


def _set_agency(node: PlanNode, agency: str) -> None:
    node.agency = agency
    for child in node.children:
        _set_agency(child, agency)


def _period(given: str | None, plan: Plan) -> Period:
    if given:
        try:
            return parse_period(given)
        except ValueError as exc:
            raise CascadeFileError([Problem(plan.source, None, "period", str(exc))]) from None
    if plan.period:
        return plan.period
    raise CascadeFileError(
        [Problem(plan.source, None, "", "the period is not stated in the source: give it (--period 2025-2029)")]
    )


def _number(nodes: list[PlanNode], prefix: str) -> dict[int, str]:
    """Element ids: from the official code when there is one, else numbered in reading order
    (tujuan-1, sasaran-2, program-1.3 for a program without code under sasaran 1)."""
    return {id(node): f"{ID_PREFIX[node.kind]}-{node.code or (prefix + str(n))}" for n, node in enumerate(nodes, 1)}


class _Builder:
    """One cascade from the plan's nodes: elements top down, each with its indicators and owner."""

    def __init__(
        self,
        cascade_id: str,
        agency: str,
        region: str,
        period: Period,
        version: str | None,
        source: str,
        goal_ids: dict[int, str],
    ) -> None:
        self.cascade_id, self.agency, self.region, self.period = cascade_id, agency, region, period
        self.version, self.source = version, source
        self.ids = dict(goal_ids)
        self.goal_ids = goal_ids
        self.positions: dict[str, Position] = {}
        self.elements: list[Element] = []
        self.indicators: list[Indicator] = []

    def build(self, goals: list[PlanNode], tops: list[PlanNode], external: str | None) -> Cascade:
        for goal in goals:
            self._visit(goal, None, None)
        top_ids = _number([t for t in tops if not t.code], "")
        for top in tops:
            self.ids[id(top)] = top_ids.get(id(top)) or f"{ID_PREFIX[top.kind]}-{top.code}"
            served = top.parent if top.parent is not None and top.parent.kind is ElementKind.mayor_goal else None
            if external and served is not None:
                self._visit(top, None, f"{external}:{self.goal_ids[id(served)]}")
            else:
                self._visit(top, self.goal_ids.get(id(served)) if served is not None else None, None)
        return self._validated()

    def _position(self, node: PlanNode) -> str | None:
        tier = TIER_OF[node.kind]
        if node.kind is ElementKind.mayor_goal:
            pid, name = "walikota", head_of_region(self.region)
        elif node.kind is ElementKind.agency_target:
            pid, name = "kepala-perangkat-daerah", f"Kepala {node.agency or self.agency}"
        elif node.responsible:
            pid, name = f"{tier.value.replace('_', '-')}-{slug(node.responsible)}", f"{tier.label}, {node.responsible}"
        else:
            return None
        self.positions.setdefault(pid, Position(id=pid, name=name, tier=tier))
        return pid

    def _visit(self, node: PlanNode, parent_id: str | None, external_parent: str | None) -> None:
        element_id = self.ids[id(node)]
        self.elements.append(
            Element(
                id=element_id,
                kind=node.kind,
                name=node.name,
                code=node.code,
                parent=parent_id,
                external_parent=external_parent,
                owner=self._position(node),
                budget=node.budget,
                note=node.note,
            )
        )
        self.indicators.extend(
            _indicator(f"ik-{element_id}-{k}", element_id, i) for k, i in enumerate(node.indicators, 1)
        )
        numbered = [child for child in node.children if not child.code]
        child_ids = _number(numbered, element_id.split("-", 1)[1] + ".")
        for child in node.children:
            self.ids[id(child)] = child_ids.get(id(child)) or f"{ID_PREFIX[child.kind]}-{child.code}"
            self._visit(child, element_id, None)

    def _validated(self) -> Cascade:
        try:
            cascade = Cascade(
                id=self.cascade_id,
                version=self.version,
                agency=self.agency,
                region=self.region,
                period=self.period,
                source=self.source,
                positions=list(self.positions.values()),
                elements=self.elements,
                indicators=self.indicators,
            )
        except ValidationError as exc:
            raise CascadeFileError(
                [Problem(self.source, None, ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
            ) from None
        problems = reference_problems(cascade) or cycle_problems(cascade, CascadeLinks.of(cascade))
        if problems:
            raise CascadeFileError([Problem(self.source, None, ".".join(map(str, p.loc)), p.message) for p in problems])
        return cascade


def _indicator(indicator_id: str, element_id: str, ind: PlanIndicator) -> Indicator:
    return Indicator(
        id=indicator_id,
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
            for (y, q), m in sorted(ind.realisations.items(), key=lambda item: (item[0][0], item[0][1] or 0))
        ],
    )
