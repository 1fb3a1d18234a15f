"""Rows of the cascading matrix and of the Renstra table into the plan.

(a) the Renstra table "Rencana Program, Kegiatan dan Pendanaan" (Permendagri 86/2017): tujuan and
    sasaran columns, then ONE code and ONE name column for program, kegiatan and sub kegiatan,
    whose level and parent come only from the code (Kepmendagri 050-5889: 2.17.04 is a program,
    2.17.04.2.01 its kegiatan, 2.17.04.2.01.0001 that kegiatan's sub kegiatan);
(b) the cascading matrix: a column (name, maybe code, maybe indicator) per level: tujuan,
    sasaran, program, kegiatan, sub kegiatan; the hierarchy comes from the columns.

How a row is read. A blank level cell (or a merged one) means "same as above", but only above
the first level the row states: a row that names a new program starts that program under the
tujuan and sasaran above it, and has no kegiatan unless it names one. A row that states no level
at all adds another indicator to the node of the row above (a node with several indicators takes
several rows). An indicator in a level's own column ("Indikator Program") belongs to that level's
node in the row: the one the row states, or the one above when the row states only deeper levels
or none. Columns of no level (Satuan, Target 2025) belong to the row's indicator: that of the
"Indikator" column, or where every level has its own, the deepest level the row gives one for. A
row with a problem is not used, and neither is anything that hangs from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lineage.cascade.model import ElementKind
from lineage.importers import values
from lineage.importers.headers import Field
from lineage.importers.plan import PlanIndicator, PlanNode
from lineage.importers.sheet import (
    KIND_LEVEL,
    LEVELS,
    Bits,
    Invalid,
    RowRead,
    Sheet,
    Slot,
)
from lineage.text import fold


@dataclass
class Stated:
    """A level a row names: its kind (None when its code says no level), code, name, column."""

    kind: ElementKind | None
    code: str | None
    name: str | None
    column: str
    #: the node it names, once the row is placed
    node: PlanNode | None = None

    def describe(self) -> str:
        kind = self.kind.value.replace("_", " ") if self.kind else "row"
        return f"{kind} {self.code or repr(self.name)}"


@dataclass
class Placed:
    """A level the row states, placed: the existing node it names (or None: a new one), its parent."""

    stated: Stated
    existing: PlanNode | None
    parent: Slot


class MatrixReader:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.plan = sheet.plan
        self.renstra = Field(None, "code") in sheet.by_field and Field(None, "name") in sheet.by_field
        self.layout = [
            kind
            for kind in LEVELS
            if Field(KIND_LEVEL[kind], "name") in sheet.by_field or Field(KIND_LEVEL[kind], "code") in sheet.by_field
        ]
        #: the levels some column says something of besides their name and code
        self.levels_with_bits = [
            kind
            for kind in LEVELS
            if any(c.field.attribute not in ("name", "code") for c in sheet.by_level.get(KIND_LEVEL[kind], []))
        ]
        self.context: dict[ElementKind, Slot] = {}
        self.previous: Slot = None

    # -- one row ---------------------------------------------------------------------------------

    def row(self, read: RowRead) -> None:
        """One row of data (`Sheet.rows`): the levels it names and the indicators beside them."""
        stated = self._stated(read)
        if self.sheet.below_table(read, bool(stated)):
            return
        agency_column = self.sheet.one(None, "agency")
        if agency_column and not values.is_blank(read.value(agency_column)):
            self.sheet.agency = read.text(agency_column)
        own = self.sheet.bits(read, None)
        by_level = {kind: self.sheet.bits(read, kind) for kind in self.levels_with_bits}
        placed = self._place(stated, read)
        targets = self._targets(stated, own, by_level, read) if not read.problems else []
        if read.problems:
            self.plan.refuse(read.problems)
            self._poison(stated, read.r + 1)
            return
        self._apply(placed)
        for node, bits in targets:
            self.sheet.attach(node, bits, read.where)

    def _stated(self, read: RowRead) -> list[Stated]:
        """The levels this row names, top down."""
        out: list[Stated] = []
        for kind in [ElementKind.agency_goal, ElementKind.agency_target] if self.renstra else LEVELS:
            name_column = self.sheet.one(KIND_LEVEL[kind], "name")
            code_column = self.sheet.one(KIND_LEVEL[kind], "code")
            name = read.text(name_column)
            code = read.parse(code_column, values.code)
            column = name_column or code_column
            if (name or code) and column is not None:
                out.append(Stated(kind, code, name, column.label))
        if self.renstra:
            out.extend(self._stated_by_code(read))
        return out

    def _stated_by_code(self, read: RowRead) -> list[Stated]:
        code_column, name_column = self.sheet.one(None, "code"), self.sheet.one(None, "name")
        assert code_column is not None and name_column is not None
        code = read.parse(code_column, values.code)
        name = read.text(name_column)
        if code:
            try:
                return [Stated(values.code_level(code), code, name, code_column.label)]
            except ValueError as exc:
                read.problem(code_column.label, str(exc))
                return [Stated(None, code, name, code_column.label)]
        if name and values.is_blank(read.value(code_column)):
            read.problem(
                code_column.label,
                f"{name!r} has no code: in this table a row's level (program, kegiatan, sub kegiatan) comes from its code",
            )
            return [Stated(None, None, name, name_column.label)]
        if name:
            return [Stated(None, None, name, code_column.label)]  # its code was refused above
        return []

    # -- where the row sits ----------------------------------------------------------------------

    def _place(self, stated: list[Stated], read: RowRead) -> list[Placed]:
        """For each level the row names: what it names and its parent. With no level named, the
        row continues the node of the row above."""
        if any(s.kind is None for s in stated):
            return []
        if not stated:
            if isinstance(self.previous, Invalid):
                read.problem(None, f"this row continues row {self.previous.row}, which has problems")
            elif self.previous is None:
                read.problem(
                    None,
                    "this row names no tujuan, sasaran, program, kegiatan or sub kegiatan, and no row above it does",
                )
            return []
        placed: list[Placed] = []
        above: Slot = None
        for n, item in enumerate(stated):
            parent = self._parent(item, above if n else None, n == 0, read)
            if isinstance(parent, Invalid):
                read.problem(item.column, f"its parent (row {parent.row}) has problems")
                return []
            existing = self.sheet.nodes.by_key.get(self._key(item, parent))
            if isinstance(existing, Invalid):
                read.problem(
                    item.column, f"{item.describe()} was first given in row {existing.row}, which has problems"
                )
                return []
            self._check(item, existing, parent, read)
            assert item.kind is not None
            item.node = existing or PlanNode(
                kind=item.kind,
                name=item.name or "",
                where=read.where.at(item.column),
                code=item.code,
                agency=None if item.kind is ElementKind.agency_goal else self.sheet.agency,
            )
            placed.append(Placed(item, existing, parent))
            above = item.node
        return placed

    def _parent(self, item: Stated, above: Slot, first: bool, read: RowRead) -> Slot:
        """The parent of a stated level: from its code in the Renstra table (kegiatan, sub
        kegiatan), else the level stated before it in the row, else the one above the row."""
        assert item.kind is not None
        if self.renstra and item.kind in (ElementKind.kegiatan, ElementKind.sub_kegiatan):
            return self._parent_by_code(item, read)
        position = self.layout.index(item.kind) if item.kind in self.layout else 0
        if self.renstra and item.kind is ElementKind.program:
            position = len(self.layout)
        if position == 0:
            return None
        above_kind = self.layout[position - 1]
        if not first:
            if above is not None and not isinstance(above, Invalid) and above.kind is not above_kind:
                read.problem(
                    item.column,
                    f"the row names {above.describe()} and {item.describe()} but no "
                    f"{above_kind.value.replace('_', ' ')} between them",
                )
            return above
        found = self.context.get(above_kind)
        if found is None:
            read.problem(
                item.column, f"parent missing: {item.describe()} has no {above_kind.value.replace('_', ' ')} above it"
            )
        return found

    def _parent_by_code(self, item: Stated, read: RowRead) -> Slot:
        assert item.code is not None
        parent_code = values.parent_code(item.code)
        assert parent_code is not None
        parent_kind = values.code_level(parent_code)
        found = self.sheet.nodes.by_key.get((self.sheet.agency, parent_kind, parent_code))
        if found is None:
            read.problem(
                item.column,
                f"parent missing: no {parent_kind.value.replace('_', ' ')} {parent_code} above {item.describe()}",
            )
        return found

    def _check(self, item: Stated, existing: PlanNode | None, parent: Slot, read: RowRead) -> None:
        """A node stated again must be the same node: same name, same parent; a code nests in its parent's."""
        if existing is None and not item.name:
            read.problem(item.column, f"{item.describe()} has no name")
        if existing is not None and item.name and fold(existing.name) != fold(item.name):
            read.problem(
                item.column,
                f"{item.describe()} is named {item.name!r} here but {existing.name!r} in row {existing.where.row}",
            )
        if existing is not None and existing.parent is not parent and item.kind is not ElementKind.agency_goal:
            was = existing.parent.describe() if existing.parent else "nothing"
            now = parent.describe() if isinstance(parent, PlanNode) else "nothing"
            read.problem(
                item.column, f"{item.describe()} sits under {was} in row {existing.where.row} but under {now} here"
            )
        if (
            isinstance(parent, PlanNode)
            and parent.code
            and item.code
            and parent.kind in (ElementKind.program, ElementKind.kegiatan)
            and not item.code.startswith(parent.code + ".")
        ):
            read.problem(
                item.column, f"code {item.code} does not start with the code of its {parent.kind.value} ({parent.code})"
            )

    def _key(self, item: Stated, parent: Slot) -> tuple[object, ...]:
        if item.kind is ElementKind.agency_goal:
            return ("goal", item.code or fold(item.name or ""))
        if item.code:
            return (self.sheet.agency, item.kind, item.code)
        return (self.sheet.agency, item.kind, id(parent), fold(item.name or ""))

    # -- what the row says of which node ---------------------------------------------------------

    def _targets(
        self, stated: list[Stated], own: Bits, by_level: dict[ElementKind, Bits], read: RowRead
    ) -> list[tuple[PlanNode, Bits]]:
        """The node each part of the row belongs to."""
        if not self.sheet.one(None, "indicator") and not own.empty:
            own = self._merge_into_row_level(stated, own, by_level)
        out: list[tuple[PlanNode, Bits]] = []
        for bits in [*by_level.values(), own]:
            if bits.figures_at is not None and not bits.named:
                name_column = self.sheet.one(KIND_LEVEL[bits.level] if bits.level else None, "indicator")
                read.problem(
                    name_column.label if name_column else bits.figures_at.label,
                    "targets or other indicator figures, but no indicator name",
                )
            if bits.empty:
                continue
            node = self._node_for(bits.level, stated, read)
            if node is not None:
                out.append((node, bits))
        return out

    def _merge_into_row_level(self, stated: list[Stated], own: Bits, by_level: dict[ElementKind, Bits]) -> Bits:
        """Where every level has its own indicator column, the columns of no level (Satuan,
        Target 2025) belong to the deepest level the row names, or gives an indicator for."""
        named = [s.kind for s in stated if s.kind] or [k for k, b in by_level.items() if b.named]
        deepest = by_level.get(named[-1]) if named else None
        if deepest is None:
            return own
        _merge_figures(deepest, own)
        return Bits(
            None, PlanIndicator(name="", where=own.indicator.where), None, own.budget, own.responsible, own.goal
        )

    def _node_for(self, level: ElementKind | None, stated: list[Stated], read: RowRead) -> PlanNode | None:
        if level is None:
            if stated:
                return stated[-1].node
            return self.previous if isinstance(self.previous, PlanNode) else None
        for item in stated:
            if item.kind is level:
                return item.node
        if stated and stated[0].kind is not None and LEVELS.index(level) > LEVELS.index(stated[0].kind):
            read.problem(
                None, f"an indicator or figures for the {level.value.replace('_', ' ')}, but the row names none"
            )
            return None
        found = self.context.get(level)
        if isinstance(found, Invalid):
            read.problem(None, f"this row continues row {found.row}, which has problems")
            return None
        if found is None:
            read.problem(None, f"an indicator or figures for the {level.value.replace('_', ' ')}, but none is above")
        return found

    # -- using the row ---------------------------------------------------------------------------

    def _poison(self, stated: list[Stated], row: int) -> None:
        """Whatever this rejected row meant to start is marked, so rows hanging from it say so."""
        if not stated:
            return
        marker = Invalid(row)
        for item in stated:
            if item.kind is not None:
                self.context[item.kind] = marker
                self._reset_below(item.kind)
                if item.code:
                    self.sheet.nodes.by_key.setdefault(self._key(item, None), marker)
        self.previous = marker

    def _reset_below(self, kind: ElementKind) -> None:
        for deeper in LEVELS[LEVELS.index(kind) + 1 :]:
            self.context.pop(deeper, None)

    def _apply(self, placed: list[Placed]) -> None:
        if not placed:
            return  # a row continuing the node above
        for item in placed:
            node = item.existing or item.stated.node
            assert node is not None and item.stated.kind is not None
            if item.existing is None:
                self.sheet.nodes.by_key[self._key(item.stated, item.parent)] = node
                self.plan.add_child(item.parent if isinstance(item.parent, PlanNode) else None, node)
            self.context[item.stated.kind] = node
            self._reset_below(item.stated.kind)
            self.previous = node


def _merge_figures(into: Bits, own: Bits) -> None:
    """The figures of the row's own columns, onto the indicator of the row's level."""
    source, target = own.indicator, into.indicator
    for name in ("unit", "type", "polarity", "definition", "formula", "data_source", "frequency"):
        if getattr(source, name) is not None:
            setattr(target, name, getattr(source, name))
    if source.baseline is not None:
        target.baseline, target.baseline_year = source.baseline, source.baseline_year
    target.targets.update(source.targets)
    target.realisations.update(source.realisations)
    into.figures_at = into.figures_at or own.figures_at
