"""A read plan into validated `Cascade`s: ids, positions, and the split into cascades, decided
here once for every reader.

A Renstra's tujuan is the agency's goal (Tujuan PD, `agency_goal`), owned by the head of the
agency, in the agency's cascade. A tujuan that several agencies' targets serve cannot be one
agency's: it is the region's goal (`mayor_goal`, RPJMD), owned by the head of the region, and goes
into the region's RPJMD cascade (`<region>-rpjmd-<start>-<end>`), which those targets serve across
cascades (`external_parent`). So do the RPJMD sasaran a source names for its tujuan (a sheet's
"Sasaran RPJMD" column); a tujuan's RPJMD sasaran known only by code (SIPD's `kode_sasaran_rpjm`)
is linked by id, the link made when the RPJMD cascade holding it is loaded.

Owners: the head of the region for its goals (Walikota, Bupati or Gubernur, from the region's
kind), the head of the agency for its goals and targets, and for programs, kegiatan and sub
kegiatan the responsible position the source names, its tier read from its name ("Kepala Seksi
Pengawasan": Eselon IV, `tier_of_position`); a unit that names no position ("Bidang Koperasi")
is given the level's usual tier (Eselon III for a program, IV for a kegiatan, staff below).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields

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
from lineage.cascade.vocabulary import RegionKind, region_kind_of, tier_of_position
from lineage.importers.plan import Plan, PlanIndicator, PlanNode, Where
from lineage.text import fold

#: Who owns an element of each level when the source names a unit, not a position (SAKIP's
#: cascade: programs are Eselon III's, kegiatan Eselon IV's, sub kegiatan the staff's).
TIER_OF = {
    ElementKind.program: Tier.eselon_iii,
    ElementKind.kegiatan: Tier.eselon_iv,
    ElementKind.sub_kegiatan: Tier.staff,
}
ID_PREFIX = {
    ElementKind.mayor_goal: "tujuan",
    ElementKind.agency_goal: "tujuan",
    ElementKind.agency_target: "sasaran",
    ElementKind.program: "program",
    ElementKind.kegiatan: "kegiatan",
    ElementKind.sub_kegiatan: "subkegiatan",
}
AGENCY_HEAD = "kepala-perangkat-daerah"
_CODE = re.compile(r"[0-9X]+(\.[0-9X]+)*")


class MissingContext(CascadeFileError):
    """The source does not state its region, agency or period, and no option gave it."""


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
    kind = region_kind_of(region)
    if kind is RegionKind.kota:
        return "Walikota " + " ".join(words[1:])
    if kind is RegionKind.kabupaten:
        return "Bupati " + " ".join(words[1:])
    if kind is RegionKind.provinsi:
        return "Gubernur " + " ".join(words[1:])
    return f"Kepala Daerah {region}"


@dataclass
class _Split:
    """Which goals are the region's, and which each agency's."""

    region_goals: list[PlanNode] = field(default_factory=list)
    #: RPJMD sasaran the tujuan name: (name, code) -> the node made for the region's cascade
    served: dict[tuple[str, str | None], PlanNode] = field(default_factory=dict)
    agency_goals: dict[str, list[PlanNode]] = field(default_factory=dict)


def build_cascades(plan: Plan, options: BuildOptions) -> list[Cascade]:
    """The cascades the plan describes (the region's goals first, when there are some), validated;
    raises `CascadeFileError` naming the source if the model refuses them."""
    region = options.region or plan.region
    if not region:
        raise MissingContext(
            [Problem(plan.source, None, "", "the region is not stated in the source: give it (--region)")]
        )
    period = _period(options.period, plan)
    agencies = _agencies(plan, options)
    span = f"{period.start}-{period.end}"
    split = _split(plan, agencies)
    rpjmd = f"{slug(region)}-rpjmd-{span}"
    region_ids = _number(split.region_goals, "") | {
        id(node): f"sasaran-rpjmd-{slug(node.code) if node.code else n}"
        for n, node in enumerate(split.served.values(), 1)
    }
    context = _Context(region, period, options.version, plan.source, rpjmd, region_ids)
    cascades: list[Cascade] = []
    if split.region_goals or split.served:
        cascades.append(
            _Builder(context, rpjmd, f"RPJMD {region}").region_cascade([*split.region_goals, *split.served.values()])
        )
    single = len(agencies) == 1
    for agency in agencies:
        cascade_id = options.cascade_id if (options.cascade_id and single) else f"{slug(region)}-{slug(agency)}-{span}"
        builder = _Builder(context, cascade_id, agency)
        cascades.append(
            builder.agency_cascade(split.agency_goals.get(agency, []), plan.agencies.get(agency, []), split)
        )
    return cascades


def _split(plan: Plan, agencies: list[str]) -> _Split:
    """A tujuan served by several agencies' targets is the region's; one served by one agency's
    (or by none, when the plan has one agency) is that agency's goal."""
    serving: dict[int, list[str]] = {id(goal): [] for goal in plan.goals}
    for agency in agencies:
        for top in plan.agencies.get(agency, []):
            if top.parent is not None and id(top.parent) in serving and agency not in serving[id(top.parent)]:
                serving[id(top.parent)].append(agency)
    split = _Split()
    for goal in plan.goals:
        owners = serving[id(goal)] or (agencies if len(agencies) == 1 else [])
        if len(owners) == 1:
            split.agency_goals.setdefault(owners[0], []).append(goal)
            if goal.serves_name:
                key = (fold(goal.serves_name), goal.serves_code)
                code = goal.serves_code if goal.serves_code and _CODE.fullmatch(goal.serves_code) else None
                split.served.setdefault(key, PlanNode(ElementKind.mayor_goal, goal.serves_name, goal.where, code=code))
        else:
            split.region_goals.append(goal)
    return split


def _agencies(plan: Plan, options: BuildOptions) -> list[str]:
    """The agencies of the plan; the agency given as an option names the plan's one agency."""
    agencies = list(plan.agencies) or [options.agency or ""]
    if len(agencies) == 1 and options.agency:
        plan.agencies = {options.agency: plan.agencies.get(agencies[0], [])}
        for node in plan.agencies[options.agency]:
            _set_agency(node, options.agency)
        agencies = [options.agency]
    if not all(agencies):
        raise MissingContext(
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
            raise MissingContext([Problem(plan.source, None, "period", str(exc))]) from None
    if plan.period:
        return plan.period
    raise MissingContext(
        [Problem(plan.source, None, "", "the period is not stated in the source: give it (--period 2025-2029)")]
    )


def _number(nodes: list[PlanNode], prefix: str) -> dict[int, str]:
    """Element ids: from the official code when there is one, else numbered in reading order
    (tujuan-1, sasaran-2, program-1.3 for a program without code under sasaran 1)."""
    ids: dict[int, str] = {}
    numbered = 0
    for node in nodes:
        if node.code:
            ids[id(node)] = f"{ID_PREFIX[node.kind]}-{node.code}"
        else:
            numbered += 1
            ids[id(node)] = f"{ID_PREFIX[node.kind]}-{prefix}{numbered}"
    return ids


@dataclass(frozen=True)
class _Context:
    region: str
    period: Period
    version: str | None
    source: str
    rpjmd: str
    #: the ids of the region's goals in the RPJMD cascade, by node
    region_ids: dict[int, str]


class _Builder:
    """One cascade from the plan's nodes: elements top down, each with its indicators and owner."""

    def __init__(self, context: _Context, cascade_id: str, agency: str) -> None:
        self.context, self.cascade_id, self.agency = context, cascade_id, agency
        self.kind = region_kind_of(context.region)
        self.ids: dict[int, str] = {}
        self.positions: dict[str, Position] = {}
        self.elements: list[Element] = []
        self.indicators: list[Indicator] = []

    def region_cascade(self, goals: list[PlanNode]) -> Cascade:
        """The region's RPJMD cascade: the goals its agencies serve."""
        self.ids.update(self.context.region_ids)
        for goal in goals:
            self._visit(goal, None, None, region=True)
        return self._validated()

    def agency_cascade(self, goals: list[PlanNode], tops: list[PlanNode], split: _Split) -> Cascade:
        """An agency's cascade: its goals, and its targets with all that hangs from them."""
        self.ids.update(_number(goals, ""))
        self.ids.update(_number(tops, ""))
        for goal in goals:
            self._visit(goal, None, self._served(goal, split))
            for top in tops:
                if top.parent is goal:
                    self._visit(top, self.ids[id(goal)], None)
        own = {id(goal) for goal in goals}
        for top in tops:
            if top.parent is None or id(top.parent) not in own:
                external = self.context.region_ids.get(id(top.parent)) if top.parent is not None else None
                self._visit(top, None, f"{self.context.rpjmd}:{external}" if external else None)
        return self._validated()

    def _served(self, goal: PlanNode, split: _Split) -> str | None:
        """The RPJMD sasaran an agency goal serves, as a global id."""
        if goal.serves_name:
            node = split.served[(fold(goal.serves_name), goal.serves_code)]
            return f"{self.context.rpjmd}:{self.context.region_ids[id(node)]}"
        if goal.serves_code:
            return f"{self.context.rpjmd}:sasaran-rpjmd-{slug(goal.serves_code)}"
        return None

    def _headed_by_region(self, node: PlanNode) -> bool:
        """A tujuan whose Penanggung Jawab is the head of the region (Walikota, Bupati, Gubernur) is the
        region's goal where the agency's diagram holds it (a matriks exported from a cascade such as
        Makassar's): kept in this cascade, owned by the head of the region."""
        if node.kind is not ElementKind.agency_goal or not node.responsible:
            return False
        tier = tier_of_position(node.responsible, self.kind)
        return tier is not None and tier.is_head

    def _position(self, node: PlanNode, region: bool) -> str | None:
        if region:
            head = self.kind.head if self.kind else Tier.walikota
            pid = head.value if self.kind else "kepala-daerah"
            return self._add(Position(id=pid, name=head_of_region(self.context.region), tier=head))
        if node.kind in (ElementKind.agency_goal, ElementKind.agency_target):
            return self._add(
                Position(id=AGENCY_HEAD, name=f"Kepala {node.agency or self.agency}", tier=Tier.kepala_dinas)
            )
        if not node.responsible:
            return None
        tier = tier_of_position(node.responsible, self.kind)
        if tier is not None:
            return self._add(Position(id=slug(node.responsible), name=node.responsible, tier=tier))
        tier = TIER_OF[node.kind]
        pid = f"{tier.value.replace('_', '-')}-{slug(node.responsible)}"
        return self._add(Position(id=pid, name=f"{tier.label}, {node.responsible}", tier=tier))

    def _add(self, position: Position) -> str:
        self.positions.setdefault(position.id, position)
        return position.id

    def _visit(self, node: PlanNode, parent_id: str | None, external_parent: str | None, region: bool = False) -> None:
        element_id = self.ids[id(node)]
        region = region or self._headed_by_region(node)
        kind = ElementKind.mayor_goal if region else node.kind
        with _refused_at(node.where, node.describe()):
            self.elements.append(
                Element(
                    id=element_id,
                    kind=kind,
                    name=node.name,
                    code=node.code,
                    parent=parent_id,
                    external_parent=external_parent,
                    owner=self._position(node, region),
                    budget=node.budget,
                    note=node.note,
                )
            )
        for k, ind in enumerate(node.indicators, 1):
            with _refused_at(ind.where, f"indicator {ind.name[:60]!r}"):
                self.indicators.append(_indicator(f"ik-{element_id}-{k}", element_id, ind))
        child_ids = _number(node.children, element_id.split("-", 1)[1] + ".")
        for child in node.children:
            self.ids[id(child)] = child_ids[id(child)]
            self._visit(child, element_id, None)

    def _validated(self) -> Cascade:
        context = self.context
        try:
            cascade = Cascade(
                id=self.cascade_id,
                version=context.version,
                agency=self.agency,
                region=context.region,
                period=context.period,
                source=context.source,
                positions=list(self.positions.values()),
                elements=self.elements,
                indicators=self.indicators,
            )
        except ValidationError as exc:
            raise CascadeFileError(
                [Problem(context.source, None, ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
            ) from None
        problems = reference_problems(cascade) or cycle_problems(cascade, CascadeLinks.of(cascade))
        if problems:
            raise CascadeFileError(
                [Problem(context.source, None, ".".join(map(str, p.loc)), p.message) for p in problems]
            )
        return cascade


#: The fields of a PlanIndicator that the cascade model's Indicator takes as they are.
_PASSED_AS_THEY_ARE = frozenset(Indicator.model_fields) - {"realisations"}


@contextmanager
def _refused_at(where: Where, what: str) -> Iterator[None]:
    """What the model refuses of a node (a name too long, a value out of range), as a problem of
    the row it was read from: readers check what they can name a cell for; this catches the rest."""
    try:
        yield
    except ValidationError as exc:
        raise CascadeFileError([where.problem(f"{what}: {e['loc'][0]}: {e['msg']}") for e in exc.errors()]) from None


def _indicator(indicator_id: str, element_id: str, ind: PlanIndicator) -> Indicator:
    """The model's indicator of a plan's: the fields both declare pass by name (the model holds
    their declaration and checks), the realisations keyed by year and quarter become its list."""
    shared = {f.name: getattr(ind, f.name) for f in fields(ind) if f.name in _PASSED_AS_THEY_ARE}
    return Indicator(
        id=indicator_id,
        measures=element_id,
        **shared,
        realisations=[
            Realisation(year=y, quarter=q, **m.model_dump())
            for (y, q), m in sorted(ind.realisations.items(), key=lambda item: (item[0][0], item[0][1] or 0))
        ],
    )
