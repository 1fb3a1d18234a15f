"""What a printed diagram shows, gathered from the same questions the API answers.

A cascade diagram has one box per element (its name, its indicators, its owner) and the
element-to-element links. A lineage diagram has one box per indicator of one indicator's roll-up:
the indicator itself, every contributor, and every indicator on its paths to the top, each
marked with its role, with the indicator-to-indicator links. Both keep the cascade's levels and
owners' tiers, so the picture has the rows of the source diagram (`dot.rows_of`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from neo4j import Driver

from lineage import cascades, rollups
from lineage.answers import IndicatorSummary
from lineage.cascade.vocabulary import ElementKind, Tier
from lineage.errors import CursorExpired, ReloadRace
from lineage.paging import MAX_PAGE
from lineage.pins import ATTEMPTS

#: More boxes than this are refused: the layout would take long and no page could hold them.
MAX_BOXES = 1500

Role = Literal["selected", "contributor", "path"]


class TooBig(ValueError):
    """A diagram with more boxes than one page could ever show."""


@dataclass(frozen=True)
class Line:
    """An indicator written inside a box."""

    id: str
    text: str
    role: Role | None = None


@dataclass(frozen=True)
class Box:
    id: str
    kind: ElementKind
    #: the element's name (cascade diagram) or the indicator's (lineage diagram)
    title: str
    #: small print above the title: the element a lineage box's indicator measures
    context: str | None = None
    code: str | None = None
    lines: tuple[Line, ...] = ()
    owner: str | None = None
    #: the owner's tier: with `kind`, the row the box sits in
    tier: Tier | None = None
    role: Role | None = None
    #: a cascade box serving an element of another cascade (not a box of this diagram): its name
    serves: str | None = None
    #: a cascade box that other cascades' elements serve: those agencies, with how many each
    served_by: str | None = None


@dataclass
class Diagram:
    title: str
    subtitle: str
    boxes: list[Box] = field(default_factory=list)
    #: (child, parent) box ids: the child contributes to the parent
    links: list[tuple[str, str]] = field(default_factory=list)
    #: True when boxes are marked with roles (a lineage): the picture gets a legend of them
    legend: bool = False
    #: the version drawn and the date, for the header of a printed page
    version: str | None = None
    printed: str | None = None


def cascade_diagram(driver: Driver, cascade_id: str, *, database: str | None = None) -> Diagram:
    """Every element of the cascade as a box with its indicators, in reading order. The links are
    the cascade's own; a link to or from another cascade is written in the box (`serves`,
    `served_by`), since the other end is drawn in that cascade's diagram, not in this one."""
    summary = cascades.get_cascade(driver, cascade_id, database=database)
    if sum(summary.elements.values()) > MAX_BOXES:
        raise TooBig(
            f"cascade {cascade_id!r} has {sum(summary.elements.values())} boxes; a diagram holds at most {MAX_BOXES}. "
            "Draw one indicator's lineage instead"
        )
    diagram = Diagram(
        title=f"{summary.agency} — {summary.region}",
        subtitle=f"Cascading kinerja {summary.period}",
        version=summary.version,
    )
    for _ in range(ATTEMPTS):
        try:
            return _boxes(driver, cascade_id, diagram, database)
        except CursorExpired:  # the version paged through was replaced and deleted: read the new one
            diagram.boxes, diagram.links = [], []
    raise ReloadRace(f"cascade {cascade_id!r} was reloaded during each of {ATTEMPTS} attempts to draw it; try again")


def _boxes(driver: Driver, cascade_id: str, diagram: Diagram, database: str | None) -> Diagram:
    """The boxes, page after page of one version (the cursor pins it)."""
    cursor = None
    while True:
        page = cascades.cascade_elements(driver, cascade_id, limit=MAX_PAGE, cursor=cursor, database=database)
        for box in page.items:
            diagram.boxes.append(
                Box(
                    id=box.id,
                    kind=box.kind,
                    title=box.name,
                    code=box.code,
                    lines=tuple(Line(i.id, i.name) for i in box.indicators),
                    owner=box.owner.name if box.owner else None,
                    tier=box.owner.tier if box.owner else None,
                    serves=(box.external_parent.name or box.external_parent.id) if box.external_parent else None,
                    served_by=", ".join(f"{s.agency or s.cascade} ({s.elements})" for s in box.served_by) or None,
                )
            )
            if box.parent:
                diagram.links.append((box.id, box.parent))
        cursor = page.next_cursor
        if not cursor:
            return diagram


def lineage_diagram(driver: Driver, indicator_id: str, *, database: str | None = None) -> Diagram:
    """The indicator, everything that rolls up into it, and every path from it to the top."""
    # One page of contributors, so that the answer's edges join all of them (edges are per page);
    # both ways read from one load of the cascade.
    down, up = rollups.lineage_of(driver, indicator_id, depth=rollups.MAX_DEPTH, limit=MAX_PAGE, database=database)
    if down.next_cursor:
        raise TooBig(
            f"{indicator_id!r} has {down.total} contributors; a lineage diagram holds at most {MAX_PAGE}. "
            "Draw the lineage of one of its contributors instead"
        )
    nodes: dict[str, tuple[IndicatorSummary, Role]] = {n.id: (n, "contributor") for n in down.items}
    links = {(e.from_, e.to) for e in down.edges}
    nodes.update({n.id: (n, "path") for n in up.items})
    links.update((e.from_, e.to) for e in up.edges)
    nodes[up.indicator.id] = (up.indicator, "selected")
    me = up.indicator
    diagram = Diagram(
        title=me.name,
        subtitle=" · ".join(filter(None, [me.element.name if me.element else None, me.agency, me.region, me.period])),
        legend=True,
    )
    order = {kind: n for n, kind in enumerate(ElementKind)}
    for summary, role in sorted(nodes.values(), key=lambda item: (_kind_order(item[0], order), item[0].name)):
        diagram.boxes.append(_indicator_box(summary, role))
    diagram.links = sorted((a, b) for a, b in links if a in nodes and b in nodes)
    return diagram


def _kind_order(summary: IndicatorSummary, order: dict[ElementKind, int]) -> int:
    return order[summary.element.kind] if summary.element else len(order)


def _indicator_box(summary: IndicatorSummary, role: Role) -> Box:
    element = summary.element
    return Box(
        id=summary.id,
        kind=element.kind if element else ElementKind.sub_kegiatan,
        title=summary.name,
        context=element.name if element else None,
        code=element.code if element else None,
        owner=summary.owner.name if summary.owner else None,
        tier=summary.owner.tier if summary.owner else None,
        role=role,
    )
