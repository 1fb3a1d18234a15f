"""The layout examples of data/examples/layouts (scripts/make_layout_examples.py): where each is,
what it carries of the cascade it was written from, and that cascade seen field by field."""

from __future__ import annotations

from dataclasses import dataclass, field

from lineage.cascade import Cascade
from lineage.cascade.model import ElementKind
from lineage.importers import ImportOptions
from tests.support.paths import EXAMPLES

LAYOUTS_DIR = EXAMPLES / "layouts"
TRUTH = LAYOUTS_DIR / "kabupaten-takalar-koperasi.yaml"
BELOW_TARGETS = frozenset({ElementKind.program, ElementKind.kegiatan, ElementKind.sub_kegiatan})
EVERY_LEVEL = frozenset(ElementKind) - {ElementKind.mayor_goal}


@dataclass(frozen=True)
class Layout:
    name: str
    file: str
    #: the levels whose indicators come with unit, baseline and targets
    figures: frozenset[ElementKind]
    #: the levels whose pagu the layout gives
    budgets: frozenset[ElementKind]
    #: the levels whose responsible position the layout names
    owners: frozenset[ElementKind]
    #: whether it gives a program's sasaran program (kept as the element's note)
    notes: bool = False
    #: whether it names the RPJMD sasaran each agency goal serves
    serves: bool = False
    #: what the import must be told that the layout does not say
    options: ImportOptions = field(default_factory=ImportOptions)

    @property
    def path(self) -> str:
        return str(LAYOUTS_DIR / self.file)


LAYOUTS = [
    Layout("(a) Renstra table T-C.27", "renstra-table.xlsx", EVERY_LEVEL, BELOW_TARGETS, BELOW_TARGETS),
    Layout(
        "(b) cascading matrix",
        "cascading-matrix.xlsx",
        frozenset({ElementKind.sub_kegiatan}),
        frozenset({ElementKind.sub_kegiatan}),
        BELOW_TARGETS,
        notes=True,
    ),
    Layout("(c) blocks", "blocks.xlsx", EVERY_LEVEL, BELOW_TARGETS, BELOW_TARGETS),
    Layout(
        "(d) SIPD RI lists",
        "sipd-renstra.json",
        EVERY_LEVEL,
        BELOW_TARGETS,
        frozenset(),
        serves=True,
        options=ImportOptions(region="Kabupaten Takalar"),
    ),
]


def fields_carried(cascade: Cascade, layout: Layout) -> dict[str, object]:
    """The cascade as far as `layout` carries it: every element (kind, name, code, parent, and
    where carried its pagu, owner, note, RPJMD sasaran) and every indicator (its element, name,
    and where carried its unit, baseline and targets), by id."""
    kinds = {e.id: e.kind for e in cascade.elements}
    positions = {p.id: (p.name, p.tier) for p in cascade.positions}
    out: dict[str, object] = {}
    for e in cascade.elements:
        fields: dict[str, object] = {"kind": e.kind, "name": e.name, "code": e.code, "parent": e.parent}
        if e.kind in layout.budgets:
            fields["budget"] = e.budget
        if e.kind in layout.owners:
            fields["owner"] = positions.get(e.owner or "")
        if layout.notes:
            fields["note"] = e.note
        if layout.serves:
            fields["external_parent"] = e.external_parent
        out[e.id] = fields
    for i in cascade.indicators:
        fields = {"measures": i.measures, "name": i.name}
        if kinds[i.measures or ""] in layout.figures:
            fields |= {"unit": i.unit, "baseline": i.baseline, "targets": i.targets}
        out[i.id] = fields
    return out
