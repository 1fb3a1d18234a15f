"""A planning sheet into the plan: its header and title read, its layout chosen, every column
either given a field or reported as not read, then its rows read by the layout's reader.

Three layouts, told apart by their columns:
- the Renstra table "Rencana Program, Kegiatan dan Pendanaan" (Permendagri 86/2017): tujuan and
  sasaran columns, then ONE code and ONE name column for program, kegiatan and sub kegiatan,
  the level coming from the code (`lineage.importers.matrix`);
- the cascading matrix: a column (name, maybe code, maybe indicator) per level
  (`lineage.importers.matrix`);
- blocks: one name column whose rows say their level ("Tujuan: ...", its indicators below it,
  "Sasaran: ..."), as e-SAKIP applications export them (`lineage.importers.blocks`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from lineage.cascade.errors import Problem
from lineage.cascade.model import ElementKind, Measure, Period
from lineage.importers import values
from lineage.importers.grid import Grid, Value
from lineage.importers.headers import (
    MANUAL,
    Column,
    Field,
    HeaderBlock,
    Mapping,
    Unread,
    find_header,
    is_numbering_row,
    letter_of,
)
from lineage.importers.plan import GIVE_CONTEXT, MAP_COLUMNS, Plan, PlanIndicator, PlanNode, UnreadColumn, Where
from lineage.importers.titles import Title, read_title
from lineage.progress import Progress
from lineage.text import fold

LEVEL_KIND = {
    "tujuan": ElementKind.agency_goal,
    "sasaran": ElementKind.agency_target,
    "program": ElementKind.program,
    "kegiatan": ElementKind.kegiatan,
    "sub_kegiatan": ElementKind.sub_kegiatan,
}
KIND_LEVEL = {kind: level for level, kind in LEVEL_KIND.items()}
LEVELS = list(LEVEL_KIND.values())
#: Attributes of an indicator (besides its name), read into `PlanIndicator`.
FIGURES = frozenset({"unit", "baseline", "target", "realisation", *MANUAL})
#: Attributes of a tujuan that name the RPJMD sasaran it serves.
RPJMD = frozenset({"rpjmd", "rpjmd_code"})
#: A cell saying its row is a total: "JUMLAH", "Total", "SUB TOTAL", "Jumlah Pagu" ...
_TOTAL = re.compile(r"^(sub ?total|grand total|total|jumlah)( (total|keseluruhan|pagu|anggaran|dana))?\W*$")
_TOTAL_NAME = re.compile(r"^(jumlah|total|sub ?total)\b")
_BLOCK_PREFIX = re.compile(r"^(sub ?kegiatan|kegiatan|program|sasaran|tujuan)\s*[:.\-]\s*\S")


@dataclass(frozen=True)
class Invalid:
    """A node a row meant to state, which that row's problems kept out."""

    row: int


Slot = PlanNode | Invalid | None


@dataclass
class NodeIndex:
    """The nodes read so far, shared by the sheets of one workbook (agencies share goals)."""

    by_key: dict[tuple[object, ...], PlanNode | Invalid] = field(default_factory=dict)


@dataclass
class Bits:
    """What a row says of one level, or of its own level (`level` None): an indicator with its
    figures, a budget, a responsible unit, a goal statement (a program's "sasaran program")."""

    level: ElementKind | None
    #: Its name is "" when the row names no indicator (its figures may still be given).
    indicator: PlanIndicator
    #: The first figure column given, for "figures but no indicator name".
    figures_at: Column | None = None
    budget: dict[int, float] = field(default_factory=dict)
    responsible: str | None = None
    goal: str | None = None
    #: for a tujuan: the RPJMD sasaran it serves ("Sasaran RPJMD", "Kode Sasaran RPJMD")
    serves_name: str | None = None
    serves_code: str | None = None

    @property
    def named(self) -> bool:
        return bool(self.indicator.name)

    @property
    def empty(self) -> bool:
        said = (self.responsible, self.goal, self.serves_name, self.serves_code)
        return not (self.named or self.figures_at or self.budget or any(said))


T = TypeVar("T")


class RowRead:
    """Reading the cells of one row; each cell that cannot be read is a problem naming its column."""

    def __init__(self, grid: Grid, r: int) -> None:
        self.grid, self.r = grid, r
        self.where = Where(grid.file, grid.sheet, r + 1)
        self.problems: list[Problem] = []

    def value(self, column: Column) -> Value:
        return self.grid.value(self.r, column.index)

    def parse(self, column: Column | None, parse: Callable[[Value], T | None]) -> T | None:
        if column is None:
            return None
        try:
            return parse(self.value(column))
        except ValueError as exc:
            self.problems.append(self.where.at(column.label).problem(str(exc)))
            return None

    def text(self, column: Column | None) -> str | None:
        return self.parse(column, values.text)

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(self.where.at(column).problem(message))


class Sheet:
    """What the layouts share: the grid, its columns by field, the period, and reading cells."""

    def __init__(
        self,
        grid: Grid,
        header: HeaderBlock,
        plan: Plan,
        nodes: NodeIndex,
        title: Title,
        agency: str | None,
        period: Period | None,
    ) -> None:
        self.grid, self.header, self.plan, self.nodes, self.title = grid, header, plan, nodes, title
        self.period = period
        self.by_field: dict[Field, list[Column]] = {}
        #: the columns `bits` reads for each level (None: the row's own), found once, not per row
        self.by_level: dict[str | None, list[Column]] = {}
        for column in header.columns:
            self.by_field.setdefault(column.field, []).append(column)
            if column.field.attribute in RPJMD:
                self.by_level.setdefault("tujuan", []).append(column)
            else:
                self.by_level.setdefault(column.field.level, []).append(column)
        self.agency = (
            agency
            or title.agency
            or (grid.sheet if grid.sheet and not grid.sheet.lower().startswith("sheet") else None)
        )
        self.name = grid.sheet or grid.file
        #: `Grid.width` walks every row: read once
        self.width = grid.width
        #: the grid row of the last row read, and whether it lay below the table (`below_table`)
        self._last: int | None = None
        self._below = False

    def one(self, level: str | None, attribute: str) -> Column | None:
        columns = self.by_field.get(Field(level, attribute))
        return columns[0] if columns else None

    def cell(self, r: int, column: Column) -> Value:
        return self.grid.value(r, column.index)

    def year(self, column: Column) -> int:
        if column.year:
            return column.year
        assert self.period is not None and column.relative_year is not None  # checked before rows are read
        return self.period.start + column.relative_year - 1

    def first_row(self) -> int:
        start = self.header.last + 1
        if start < len(self.grid.rows) and is_numbering_row(self.grid, start):
            start += 1
        return start

    def rows(self, progress: Progress | None) -> Iterator[RowRead]:
        """The rows of data below the header, each counted in `plan.rows_read`: blank rows passed
        over, total rows (JUMLAH ...) noted in `plan.notes` and left out. Progress every 500 rows."""
        indicator_columns = [c for c in self.header.columns if c.field.attribute == "indicator"]
        start, end = self.first_row(), len(self.grid.rows)
        for r in range(start, end):
            if progress and r > start and (r - start) % 500 == 0:
                progress(f"rows of {self.name}", r - start, end - start)
            if self.is_blank(r):
                continue
            self.plan.rows_read += 1
            read = RowRead(self.grid, r)
            total = self.total(r, indicator_columns)
            if total:
                self.plan.notes.append(read.where.problem(total))
                continue
            yield read
        if progress:
            progress(f"rows of {self.name}", end - start, end - start)

    def below_table(self, read: RowRead, names_a_level: bool) -> bool:
        """Whether the row lies below the table, and is then noted as not read. A box's further
        indicators come in the rows right under it; below a blank row, rows naming no level are
        what follows the table (the signature: place and date, KEPALA DINAS, NIP), not more of
        them. Called once per row, in order."""
        after_blank = self._last is not None and any(self.is_blank(r) for r in range(self._last + 1, read.r))
        self._last = read.r
        self._below = not names_a_level and not read.problems and (after_blank or self._below)
        if self._below:
            self.plan.notes.append(
                read.where.problem(
                    "this row names no level and follows a blank row: not read as part of the table above"
                )
            )
        return self._below

    def is_blank(self, r: int) -> bool:
        return all(values.is_blank(self.cell(r, c)) for c in self.header.columns)

    def total(self, r: int, indicator_columns: list[Column]) -> str | None:
        """Why the row is a total row, if it is: a cell reading JUMLAH / TOTAL / SUB TOTAL in any
        column but an indicator's name (merged into the No column, say), or a level's name
        starting so with no indicator beside it."""
        skip = {c.index for c in indicator_columns}
        for c in range(self.width):
            value = self.grid.value(r, c)
            if c not in skip and isinstance(value, str) and len(value) < 40 and _TOTAL.match(fold(value)):
                return f"a total row ({value!r} in column {letter_of(c)}): left out"
        if any(not values.is_blank(self.cell(r, c)) for c in indicator_columns):
            return None
        for column in self.header.columns:
            value = self.cell(r, column)
            if column.field.attribute == "name" and isinstance(value, str) and _TOTAL_NAME.match(fold(value)):
                return f"a total row ({value!r} in column {column.letter}, no indicator): left out"
        return None

    def bits(self, read: RowRead, level: ElementKind | None) -> Bits:
        """The indicator (with figures), budget, responsible unit and goal the row gives `level`."""
        key = KIND_LEVEL[level] if level else None
        out = Bits(level, PlanIndicator(name=read.text(self.one(key, "indicator")) or "", where=read.where))
        for column in self.by_level.get(key, []):
            if not values.is_blank(read.value(column)):
                self._take(out, column, read)
        return out

    def _take(self, out: Bits, column: Column, read: RowRead) -> None:
        attribute = column.field.attribute
        if attribute in FIGURES:
            out.figures_at = out.figures_at or column
            self._figure(out.indicator, column, read)
        elif attribute == "budget":
            amount = read.parse(column, values.amount)
            if amount is not None:
                out.budget[self.year(column)] = amount
        elif attribute in ("responsible", "goal"):
            setattr(out, attribute, read.text(column))
        elif attribute in RPJMD:
            setattr(out, "serves_name" if attribute == "rpjmd" else "serves_code", read.text(column))

    def _figure(self, indicator: PlanIndicator, column: Column, read: RowRead) -> None:
        attribute = column.field.attribute
        if attribute in ("target", "realisation", "baseline"):
            value = read.parse(column, values.number)
            if value is None:
                return
            if attribute == "baseline":
                indicator.baseline, indicator.baseline_year = Measure(value=value), column.year
            elif attribute == "target":
                indicator.targets[self.year(column)] = Measure(value=value)
            else:
                indicator.realisations[(self.year(column), column.quarter)] = Measure(value=value)
        elif attribute == "type":
            indicator.type = read.parse(column, values.indicator_type)
        elif attribute == "polarity":
            indicator.polarity = read.parse(column, values.polarity)
        else:
            setattr(indicator, attribute, read.text(column))

    def attach(self, node: PlanNode, bits: Bits, where: Where) -> None:
        """Put what the row says of `node` on it; a budget, note or indicator that disagrees with
        what an earlier row said of the same node is a problem of this row."""
        for year, amount in bits.budget.items():
            if node.budget.setdefault(year, amount) != amount:
                self.plan.refuse(
                    [
                        where.problem(
                            f"pagu {year} of {node.describe()} is {amount:,.0f} here but {node.budget[year]:,.0f} above"
                        )
                    ]
                )
        if bits.responsible and node.responsible and fold(node.responsible) != fold(bits.responsible):
            self.plan.refuse(
                [
                    where.problem(
                        f"the responsible unit of {node.describe()} is {bits.responsible!r} here but "
                        f"{node.responsible!r} above"
                    )
                ]
            )
        node.responsible = node.responsible or bits.responsible
        if bits.goal and node.note and fold(node.note) != fold(bits.goal):
            self.plan.refuse(
                [where.problem(f"the goal of {node.describe()} is {bits.goal!r} here but {node.note!r} above")]
            )
        node.note = node.note or bits.goal
        for name in ("serves_name", "serves_code"):
            given, known = getattr(bits, name), getattr(node, name)
            if given and known and fold(given) != fold(known):
                self.plan.refuse(
                    [where.problem(f"{node.describe()} serves the RPJMD sasaran {given!r} here but {known!r} above")]
                )
            setattr(node, name, known or given)
        if not bits.named:
            return
        same = next((i for i in node.indicators if fold(i.name) == fold(bits.indicator.name)), None)
        if same is None:
            node.indicators.append(bits.indicator)
        elif same.figures() != bits.indicator.figures():
            self.plan.refuse(
                [
                    where.problem(
                        f"indicator {bits.indicator.name!r} of {node.describe()} is given again "
                        f"(row {same.where.row}) with other figures"
                    )
                ]
            )


def read_sheet(
    grid: Grid,
    plan: Plan,
    nodes: NodeIndex,
    mapping: Mapping,
    *,
    agency: str | None = None,
    period: Period | None = None,
    progress: Progress | None = None,
) -> bool:
    """Read one sheet into `plan`; False when it has no header row naming an indicator column."""
    from lineage.importers.blocks import BlockReader, has_blocks
    from lineage.importers.matrix import MatrixReader

    header = find_header(grid, mapping)
    if header is None:
        return False
    title = read_title(grid, header.first)
    if title.region and not plan.region:
        plan.region = title.region
    period = period or title.period or plan.period or _years_of(header)
    if period and not plan.period:
        plan.period = period
    blocks = has_blocks(grid, header)
    without_header = _values_without_header(grid, header)
    header, unusable = _usable(header, blocks)
    name = grid.sheet or grid.file
    for unread in sorted([*header.unread, *unusable, *without_header], key=lambda u: _index(u.letter)):
        plan.unread_columns.append(UnreadColumn(name, unread.letter, unread.header, unread.reason))
    where = Where(grid.file, grid.sheet, header.first + 1)
    if header.clashes:
        plan.refuse((where.problem(clash) for clash in header.clashes), MAP_COLUMNS)
        return True
    if any(c.relative_year for c in header.columns) and not period:
        plan.refuse(
            [
                where.problem(
                    'the year columns say "Tahun 1, 2, ..." and the period is not stated: give it (--period 2025-2029)'
                )
            ],
            GIVE_CONTEXT,
        )
        return True
    sheet = Sheet(grid, header, plan, nodes, title, agency, period)
    reader = BlockReader(sheet) if blocks else MatrixReader(sheet)
    for read in sheet.rows(progress):
        reader.row(read)
    return True


def _years_of(header: HeaderBlock) -> Period | None:
    years = [c.year for c in header.columns if c.field.attribute == "target" and c.year]
    return Period(start=min(years), end=max(years)) if years else None


def _usable(header: HeaderBlock, blocks: bool) -> tuple[HeaderBlock, list[Unread]]:
    """The header without the columns this layout has no place for, and those columns with why."""
    fields = {c.field for c in header.columns}
    renstra = not blocks and Field(None, "code") in fields and Field(None, "name") in fields
    named = {c.field.level for c in header.columns if c.field.attribute in ("name", "code") and c.field.level}
    if renstra:
        levels_read = {"tujuan", "sasaran"} & named | {"program", "kegiatan", "sub_kegiatan"}
    else:
        levels_read = set(LEVEL_KIND) if blocks else named
    kept, unread = [], []
    for column in header.columns:
        why = _why_unusable(column.field, renstra, blocks, levels_read)
        if why:
            unread.append(Unread(column.letter, column.header, why))
        else:
            kept.append(column)
    block = HeaderBlock(header.first, header.last, kept, header.unread, header.clashes)
    return block, unread


def _why_unusable(f: Field, renstra: bool, blocks: bool, levels_read: set[str]) -> str | None:
    if f.level is None and f.attribute == "name" and not (renstra or blocks):
        return "names, but no Kode column beside them to tell each row's level (program, kegiatan, sub kegiatan)"
    if f.level is None and f.attribute == "code" and not (renstra or blocks):
        return "codes, but no column of names (Uraian) beside them"
    if f.level and f.attribute in ("name", "code") and (blocks or (renstra and f.level not in ("tujuan", "sasaran"))):
        return "this layout names each row's level in its Kode and Uraian columns"
    if f.attribute in RPJMD and "tujuan" not in levels_read:
        return "an RPJMD sasaran, but the sheet has no tujuan column to say which tujuan serves it"
    if f.level and f.level not in levels_read:
        return f"a {f.level.replace('_', ' ')} {f.attribute}, but the sheet has no {f.level.replace('_', ' ')} column"
    return None


def _values_without_header(grid: Grid, header: HeaderBlock) -> list[Unread]:
    with_header = {c.index for c in header.columns} | {_index(u.letter) for u in header.unread}
    out = []
    for c in range(grid.width):
        if c in with_header:
            continue
        rows = sum(1 for r in range(header.last + 1, len(grid.rows)) if grid.value(r, c) is not None)
        if rows:
            out.append(Unread(letter_of(c), "", f"values in {rows} row(s) but no header"))
    return out


def _index(letter: str) -> int:
    n = 0
    for ch in letter:
        n = n * 26 + ord(ch) - 64
    return n - 1


def stated_level(text: str) -> tuple[ElementKind, str] | None:
    """ "Program: 2.17.03 Program Pengawasan" -> (program, "2.17.03 Program Pengawasan")."""
    match = _BLOCK_PREFIX.match(fold(text))
    if not match:
        return None
    level = match.group(1).replace(" ", "_").replace("subkegiatan", "sub_kegiatan")
    rest = re.sub(r"^\s*[^:.\-]*?\s*[:.\-]\s*", "", text, count=1).strip()
    return LEVEL_KIND[level], rest
