"""Rows of a sheet of blocks into the plan: the layout e-SAKIP applications export, where each
level has its own block of rows.

    Uraian                                         Indikator Kinerja          Satuan  Target 2025
    Tujuan: Meningkatnya Daya Saing Koperasi       Persentase Koperasi Sehat  %       44
    Sasaran: Meningkatnya Koperasi Aktif           Persentase Koperasi Aktif  %       60
                                                   Jumlah Koperasi Aktif      unit    120
    Program: 2.17.03 Program Pengawasan ...        ...

A row whose name cell starts with a level ("Tujuan:", "Sasaran:", "Program:", "Kegiatan:", "Sub
Kegiatan:") opens a block of that level, under the last block of the level above it; the rows
after it, up to the next block, add indicators to it. A program, kegiatan or sub kegiatan may
start with its code ("Program: 2.17.03 Program ..."), or give it in a Kode column; a kegiatan's
code must start with its program's, a sub kegiatan's with its kegiatan's.
"""

from __future__ import annotations

import re

from lineage.cascade.model import ElementKind
from lineage.importers import values
from lineage.importers.grid import Grid
from lineage.importers.headers import Field, HeaderBlock
from lineage.importers.plan import PlanNode
from lineage.importers.sheet import LEVELS, Invalid, RowRead, Sheet, Slot, stated_level
from lineage.text import fold

_LEADING_CODE = re.compile(r"^([0-9X]+(?:\.[0-9X]+){2,})\s+(.+)$")


def has_blocks(grid: Grid, header: HeaderBlock) -> bool:
    """Whether the sheet's name column (Uraian, with no level) opens blocks ("Tujuan: ..."): some
    of its cells do, and where a Kode column could give the levels instead (the Renstra table),
    at least half of them."""
    names = [c for c in header.columns if c.field == Field(None, "name")]
    if not names:
        return False
    column = names[0].index
    texts = [
        v
        for r in range(header.last + 1, min(len(grid.rows), header.last + 200))
        if isinstance(v := grid.value(r, column), str)
    ]
    opening = sum(1 for text in texts if stated_level(text) is not None)
    coded = any(c.field == Field(None, "code") for c in header.columns)
    return opening > 0 and (not coded or 2 * opening >= len(texts))


class BlockReader:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.plan = sheet.plan
        self.name_column = sheet.one(None, "name")
        self.code_column = sheet.one(None, "code")
        self.context: dict[ElementKind, Slot] = {}
        self.current: Slot = None

    def row(self, read: RowRead) -> None:
        """One row of data (`Sheet.rows`): it opens a block or continues the current one."""
        opening = self.name_column is not None and not values.is_blank(read.value(self.name_column))
        if self.sheet.below_table(read, opening):
            return
        node = self._opened(read) if opening else self._continued(read)
        bits = self.sheet.bits(read, None)
        if bits.figures_at is not None and not bits.named:
            read.problem(bits.figures_at.label, "targets or other indicator figures, but no indicator name")
        if read.problems or node is None:
            self.plan.refuse(read.problems)
            if opening:
                self.current = Invalid(read.r + 1)
            return
        self.sheet.attach(node, bits, read.where)

    def _opened(self, read: RowRead) -> PlanNode | None:
        """The block this row opens, if its name cell says a level."""
        assert self.name_column is not None
        text = read.text(self.name_column)
        if not text:
            return None
        found = stated_level(text)
        if found is None:
            read.problem(
                self.name_column.label,
                f"{text!r} does not say its level: write it as 'Tujuan: ...', 'Sasaran: ...', 'Program: ...', "
                "'Kegiatan: ...' or 'Sub Kegiatan: ...'",
            )
            return None
        kind, rest = found
        code, name = self._code_and_name(kind, rest, read)
        if not name:
            read.problem(self.name_column.label, f"a {kind.value.replace('_', ' ')} without a name")
            return None
        parent = self._parent(kind, code, read)
        if read.problems:
            self.context[kind] = Invalid(read.where.row or 0)
            self._reset_below(kind)
            return None
        return self._node(kind, code, name, parent, read)

    def _code_and_name(self, kind: ElementKind, rest: str, read: RowRead) -> tuple[str | None, str]:
        code = read.parse(self.code_column, values.code)
        if code is None and (match := _LEADING_CODE.match(rest)):
            code, rest = match.group(1), match.group(2).strip()
        if code and kind in values.CODE_LEVELS.values():
            try:
                if values.code_level(code) is not kind:
                    read.problem(
                        self.name_column.label if self.name_column else None,
                        f"code {code} is a {values.code_level(code).value.replace('_', ' ')} code, "
                        f"in a {kind.value.replace('_', ' ')} block",
                    )
            except ValueError as exc:
                read.problem(self.name_column.label if self.name_column else None, str(exc))
        return code, rest

    def _parent(self, kind: ElementKind, code: str | None, read: RowRead) -> PlanNode | None:
        position = LEVELS.index(kind)
        if position == 0:
            return None
        above = LEVELS[position - 1]
        found = self.context.get(above)
        column = self.name_column.label if self.name_column else None
        if isinstance(found, Invalid):
            read.problem(column, f"its {above.value.replace('_', ' ')} (row {found.row}) has problems")
            return None
        if found is None:
            read.problem(
                column,
                f"parent missing: a {kind.value.replace('_', ' ')} with no {above.value.replace('_', ' ')} block above it",
            )
            return None
        if (
            code
            and found.code
            and found.kind in (ElementKind.program, ElementKind.kegiatan)
            and not code.startswith(found.code + ".")
        ):
            read.problem(column, f"code {code} does not start with the code of its {found.kind.value} ({found.code})")
        return found

    def _node(self, kind: ElementKind, code: str | None, name: str, parent: PlanNode | None, read: RowRead) -> PlanNode:
        """The node the block names: a goal another sheet gave already, or a new one."""
        key: tuple[object, ...] = (
            ("goal", code or fold(name))
            if kind is ElementKind.agency_goal
            else (self.sheet.agency, kind, code or (id(parent), fold(name)))
        )
        existing = self.sheet.nodes.by_key.get(key)
        if isinstance(existing, PlanNode) and existing.parent is parent:
            node = existing
        else:
            column = self.name_column.label if self.name_column else None
            agency = None if kind is ElementKind.agency_goal else self.sheet.agency
            node = PlanNode(kind=kind, name=name, where=read.where.at(column), code=code, agency=agency)
            self.sheet.nodes.by_key[key] = node
            self.plan.add_child(parent, node)
        self.context[kind] = node
        self._reset_below(kind)
        self.current = node
        return node

    def _continued(self, read: RowRead) -> PlanNode | None:
        if isinstance(self.current, Invalid):
            read.problem(None, f"this row continues the block of row {self.current.row}, which has problems")
            return None
        if self.current is None:
            read.problem(None, "an indicator row before any block ('Tujuan: ...', 'Sasaran: ...') opens")
        return self.current

    def _reset_below(self, kind: ElementKind) -> None:
        for deeper in LEVELS[LEVELS.index(kind) + 1 :]:
            self.context.pop(deeper, None)
