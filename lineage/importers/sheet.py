"""Rows of a planning sheet into the plan: the cascading matrix and the Renstra table.

Two layouts, one row per indicator:
(a) the cascading matrix: a column (name, and maybe code) per level: tujuan, sasaran, program,
    kegiatan, sub kegiatan; the hierarchy comes from the columns;
(b) the Renstra table "Rencana Program, Kegiatan dan Pendanaan" (Permendagri 86/2017): tujuan
    and sasaran columns, then ONE code and ONE name column for program, kegiatan and sub
    kegiatan, whose level and parent come only from the code (Kepmendagri 050-5889:
    2.17.04 is a program, 2.17.04.2.01 its kegiatan, 2.17.04.2.01.0001 that kegiatan's sub).

How a row is read. A blank level cell (or a merged one) means "same as above", but only above
the first level the row states: a row that names a new program starts that program under the
tujuan and sasaran above it, and has no kegiatan unless it names one. A row that states no level
at all adds another indicator to the node of the row above (a node with several indicators takes
several rows). A row with a problem is not used, and neither is anything that hangs from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lineage.cascade.model import ElementKind, Measure, Period
from lineage.importers import values
from lineage.importers.grid import Grid
from lineage.importers.headers import Column, HeaderBlock, find_header, is_numbering_row
from lineage.importers.plan import Plan, PlanIndicator, PlanNode, UnreadColumn, Where
from lineage.importers.titles import Title, read_title
from lineage.text import fold

LEVELS = [
    ElementKind.mayor_goal,
    ElementKind.agency_target,
    ElementKind.program,
    ElementKind.kegiatan,
    ElementKind.sub_kegiatan,
]
_NAME_FIELD = {
    ElementKind.mayor_goal: "tujuan",
    ElementKind.agency_target: "sasaran",
    ElementKind.program: "program",
    ElementKind.kegiatan: "kegiatan",
    ElementKind.sub_kegiatan: "sub_kegiatan",
}
_INDICATOR_FIELDS = (
    "unit",
    "baseline",
    "target",
    "realisation",
    "type",
    "polarity",
    "definition",
    "formula",
    "data_source",
    "frequency",
)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Invalid:
    """A node a row meant to state, which that row's problems kept out."""

    row: int


Slot = PlanNode | Invalid | None


@dataclass
class _Stated:
    kind: ElementKind | None
    code: str | None
    name: str | None
    column: str
    #: the node it names, once the row is placed
    node: PlanNode | None = None


@dataclass
class NodeIndex:
    """The nodes read so far, shared by the sheets of one workbook (agencies share goals)."""

    by_key: dict[tuple, PlanNode | Invalid] = field(default_factory=dict)


def read_sheet(
    grid: Grid,
    plan: Plan,
    nodes: NodeIndex,
    mapping: dict[str, str],
    *,
    agency: str | None = None,
    period: Period | None = None,
    progress: Progress | None = None,
) -> bool:
    """Read one sheet into `plan`; False when it has no header row naming an indicator column."""
    header = find_header(grid, mapping)
    if header is None:
        return False
    title = read_title(grid, header.first)
    plan.unread_columns.extend(
        UnreadColumn(grid.sheet or grid.file, letter, text, "no known wording") for letter, text in header.unknown
    )
    if title.region and not plan.region:
        plan.region = title.region
    period = period or title.period or plan.period or _years_of(header)
    if period and not plan.period:
        plan.period = period
    _SheetReader(grid, header, plan, nodes, title, agency, period).run(progress)
    return True


def _years_of(header: HeaderBlock) -> Period | None:
    years = [c.year for c in header.columns if c.field == "target" and c.year]
    return Period(start=min(years), end=max(years)) if years else None


class _SheetReader:
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
        self.grid, self.header, self.plan, self.nodes = grid, header, plan, nodes
        self.by_field: dict[str, list[Column]] = {}
        for column in header.columns:
            self.by_field.setdefault(column.field, []).append(column)
        self.renstra = "code" in self.by_field and "name" in self.by_field
        self.layout = [
            k for k in LEVELS if _NAME_FIELD[k] in self.by_field or f"{_NAME_FIELD[k]}_code" in self.by_field
        ]
        self.agency = (
            agency
            or title.agency
            or (grid.sheet if grid.sheet and not grid.sheet.lower().startswith("sheet") else None)
        )
        self.period = period
        self.context: dict[ElementKind, Slot] = {}
        self.previous: Slot = None
        self.where = Where(grid.file, grid.sheet, None)

    # -- the sheet -------------------------------------------------------------------------------

    def run(self, progress: Progress | None) -> None:
        if any(c.relative_year for c in self.header.columns) and not self.period:
            self.plan.problems.append(
                Where(self.grid.file, self.grid.sheet, self.header.first + 1).problem(
                    'the year columns say "Tahun 1, 2, ..." and the period is not stated: give it (--period 2025-2029)'
                )
            )
            return
        start = self.header.last + 1
        if start < len(self.grid.rows) and is_numbering_row(self.grid, start):
            start += 1
        total = len(self.grid.rows)
        for r in range(start, total):
            self._row(r)
            if progress and (r - start + 1) % 500 == 0:
                progress(f"rows of {self.grid.sheet or self.grid.file}", r - start + 1, total - start)
        if progress:
            progress(f"rows of {self.grid.sheet or self.grid.file}", total - start, total - start)

    def _cell(self, r: int, column: Column):
        return self.grid.value(r, column.index)

    def _one(self, r: int, name: str) -> tuple[object, Column | None]:
        columns = self.by_field.get(name)
        return (self._cell(r, columns[0]), columns[0]) if columns else (None, None)

    # -- one row ---------------------------------------------------------------------------------

    def _row(self, r: int) -> None:
        where = Where(self.grid.file, self.grid.sheet, r + 1)
        if all(values.is_blank(self._cell(r, c)) for c in self.header.columns):
            return
        self.plan.rows_read += 1
        problems: list = []

        def read(column: Column, parse):
            try:
                return parse(self._cell(r, column))
            except ValueError as exc:
                problems.append(where.at(column.label).problem(str(exc)))
                return None

        indicator_column = self.by_field.get("indicator", [None])[0]
        indicator_name = read(indicator_column, values.text) if indicator_column else None
        if not indicator_name and self._is_total(r):
            self.plan.notes.append(where.problem("a total row (JUMLAH): left out"))
            return
        stated = self._stated(r, read, where, problems)
        agency_value, agency_column = self._one(r, "agency")
        if agency_column and not values.is_blank(agency_value):
            self.agency = values.text(agency_value)
        figures = self._figures(r, read, where, indicator_name, problems)
        node_values = self._node_values(r, read)
        plan = self._plan(stated, where, problems)
        if problems:
            self.plan.problems.extend(problems)
            self._poison(stated, r + 1)
            return
        node = self._apply(plan, where)
        self._attach(node, figures, node_values, where)

    def _is_total(self, r: int) -> bool:
        names = [c for f in ("name", *_NAME_FIELD.values()) for c in self.by_field.get(f, [])]
        return any(isinstance(v := self._cell(r, c), str) and fold(v).startswith(("jumlah", "total")) for c in names)

    def _stated(self, r: int, read, where: Where, problems: list) -> list[_Stated]:
        """The levels this row names, top down."""
        out: list[_Stated] = []
        levels = [ElementKind.mayor_goal, ElementKind.agency_target] if self.renstra else LEVELS
        for kind in levels:
            name_column = self.by_field.get(_NAME_FIELD[kind], [None])[0]
            code_column = self.by_field.get(f"{_NAME_FIELD[kind]}_code", [None])[0]
            name = read(name_column, values.text) if name_column else None
            code = read(code_column, values.code) if code_column else None
            if name or code:
                out.append(_Stated(kind, code, name, (name_column or code_column).label))
        if self.renstra:
            code_column, name_column = self.by_field["code"][0], self.by_field["name"][0]
            code = read(code_column, values.code)
            name = read(name_column, values.text)
            code_given = not values.is_blank(self._cell(r, code_column))
            if code:
                try:
                    out.append(_Stated(values.code_level(code), code, name, code_column.label))
                except ValueError as exc:
                    problems.append(where.at(code_column.label).problem(str(exc)))
                    out.append(_Stated(None, code, name, code_column.label))
            elif name and not code_given:
                problems.append(
                    where.at(code_column.label).problem(
                        f"{name!r} has no code: in this table a row's level (program, kegiatan, sub kegiatan) comes from its code"
                    )
                )
                out.append(_Stated(None, None, name, name_column.label))
            elif name:
                out.append(_Stated(None, None, name, code_column.label))  # its code was refused above
        return out

    def _figures(self, r: int, read, where: Where, name: str | None, problems: list) -> PlanIndicator | None:
        ind = PlanIndicator(name=name or "", where=where)
        given = False
        for column in self.header.columns:
            if column.field not in _INDICATOR_FIELDS or values.is_blank(self._cell(r, column)):
                continue
            given = True
            f = column.field
            if f in ("target", "realisation", "baseline"):
                value = read(column, values.number)
                if value is None:
                    continue
                measure = Measure(value=value)
                if f == "baseline":
                    ind.baseline, ind.baseline_year = measure, column.year
                elif f == "target":
                    ind.targets[self._year(column)] = measure
                else:
                    ind.realisations[(self._year(column), column.quarter)] = measure
            elif f == "type":
                ind.type = read(column, values.indicator_type)
            elif f == "polarity":
                ind.polarity = read(column, values.polarity)
            else:
                setattr(ind, f, read(column, values.text))
        if given and not name:
            column = self.by_field["indicator"][0].label if "indicator" in self.by_field else None
            problems.append(where.at(column).problem("targets or other indicator figures, but no indicator name"))
        return ind if name else None

    def _node_values(self, r: int, read) -> tuple[dict[int, float], str | None]:
        budget: dict[int, float] = {}
        for column in self.by_field.get("budget", []):
            value = read(column, values.number)
            if value is not None:
                budget[self._year(column)] = value
        responsible, column = self._one(r, "responsible")
        return budget, values.text(responsible) if column else None

    def _year(self, column: Column) -> int:
        return column.year if column.year else self.period.start + column.relative_year - 1

    # -- where the row sits ----------------------------------------------------------------------

    def _plan(  # noqa: C901  (to split: issue 12)
        self, stated: list[_Stated], where: Where, problems: list
    ) -> list[tuple[_Stated, PlanNode | None, Slot]]:
        """For each level the row names: (what it names, the existing node if known, its parent).
        With no level named, the row continues the node of the row above."""
        if any(s.kind is None for s in stated):
            return []
        if not stated:
            if isinstance(self.previous, Invalid):
                problems.append(where.problem(f"this row continues row {self.previous.row}, which has problems"))
            elif self.previous is None:
                problems.append(
                    where.problem(
                        "this row names no tujuan, sasaran, program, kegiatan or sub kegiatan, and no row above it does"
                    )
                )
            return []
        plan: list[tuple[_Stated, PlanNode | None, Slot]] = []
        above: Slot = None
        for n, item in enumerate(stated):
            parent = above if n else self._parent_from_context(item, where, problems)
            if n and self.renstra and item.kind in (ElementKind.kegiatan, ElementKind.sub_kegiatan):
                parent = self._parent_from_context(item, where, problems)
            if isinstance(parent, Invalid):
                problems.append(where.at(item.column).problem(f"its parent (row {parent.row}) has problems"))
                return []
            key = self._key(item, parent)
            existing = self.nodes.by_key.get(key)
            if isinstance(existing, Invalid):
                problems.append(
                    where.at(item.column).problem(
                        f"{_describe(item)} was first given in row {existing.row}, which has problems"
                    )
                )
                return []
            if existing is None and not item.name:
                problems.append(where.at(item.column).problem(f"{_describe(item)} has no name"))
            if existing is not None and item.name and fold(existing.name) != fold(item.name):
                problems.append(
                    where.at(item.column).problem(
                        f"{_describe(item)} is named {item.name!r} here but {existing.name!r} in row {existing.where.row}"
                    )
                )
            if existing is not None and existing.parent is not parent and item.kind is not ElementKind.mayor_goal:
                problems.append(
                    where.at(item.column).problem(
                        f"{_describe(item)} sits under {existing.parent.describe() if existing.parent else 'nothing'} "
                        f"in row {existing.where.row} but under {parent.describe() if parent else 'nothing'} here"
                    )
                )
            self._check_code_nesting(item, parent, where, problems)
            node = existing or PlanNode(
                kind=item.kind,
                name=item.name or "",
                where=where.at(item.column),
                code=item.code,
                agency=None if item.kind is ElementKind.mayor_goal else self.agency,
            )
            plan.append((item, existing, parent))
            above = node
            item.node = node
        return plan

    def _parent_from_context(self, item: _Stated, where: Where, problems: list) -> Slot:
        if self.renstra and item.kind in (ElementKind.kegiatan, ElementKind.sub_kegiatan):
            parent_code = values.parent_code(item.code)
            parent_kind = values.code_level(parent_code)
            found = self.nodes.by_key.get((self.agency, parent_kind, parent_code))
            if found is None:
                problems.append(
                    where.at(item.column).problem(
                        f"parent missing: no {parent_kind.value.replace('_', ' ')} {parent_code} above {_describe(item)}"
                    )
                )
            return found
        position = self.layout.index(item.kind) if item.kind in self.layout else 0
        if self.renstra and item.kind is ElementKind.program:
            position = len(self.layout)
        if position == 0:
            return None
        above_kind = self.layout[position - 1]
        found = self.context.get(above_kind)
        if found is None:
            problems.append(
                where.at(item.column).problem(
                    f"parent missing: {_describe(item)} has no {above_kind.value.replace('_', ' ')} above it"
                )
            )
        return found

    def _check_code_nesting(self, item: _Stated, parent: Slot, where: Where, problems: list) -> None:
        if (
            isinstance(parent, PlanNode)
            and parent.code
            and item.code
            and parent.kind in (ElementKind.program, ElementKind.kegiatan)
            and not item.code.startswith(parent.code + ".")
        ):
            problems.append(
                where.at(item.column).problem(
                    f"code {item.code} does not start with the code of its {parent.kind.value} ({parent.code})"
                )
            )

    def _key(self, item: _Stated, parent: Slot) -> tuple:
        if item.kind is ElementKind.mayor_goal:
            return ("goal", item.code or fold(item.name or ""))
        if item.code:
            return (self.agency, item.kind, item.code)
        return (self.agency, item.kind, id(parent), fold(item.name or ""))

    def _poison(self, stated: list[_Stated], row: int) -> None:
        """Whatever this rejected row meant to start is marked, so rows hanging from it say so."""
        if not stated:
            return
        marker = Invalid(row)
        for item in stated:
            if item.kind is not None:
                self.context[item.kind] = marker
                self._reset_below(item.kind)
                if item.code:
                    self.nodes.by_key.setdefault(self._key(item, None), marker)
        self.previous = marker

    def _reset_below(self, kind: ElementKind) -> None:
        for deeper in LEVELS[LEVELS.index(kind) + 1 :]:
            self.context.pop(deeper, None)

    # -- using the row ---------------------------------------------------------------------------

    def _apply(self, plan, where: Where) -> PlanNode:
        if not plan:
            return self.previous  # a row continuing the node above
        node = None
        for item, existing, parent in plan:
            node = existing or item.node
            if existing is None:
                self.nodes.by_key[self._key(item, parent)] = node
                self.plan.add_child(parent, node)
            self.context[item.kind] = node
            self._reset_below(item.kind)
        self.previous = node
        return node

    def _attach(self, node: PlanNode, figures: PlanIndicator | None, node_values, where: Where) -> None:
        budget, responsible = node_values
        for year, amount in budget.items():
            if node.budget.setdefault(year, amount) != amount:
                self.plan.problems.append(
                    where.problem(
                        f"pagu {year} of {node.describe()} is {amount:,.0f} here but {node.budget[year]:,.0f} above"
                    )
                )
        if responsible:
            node.responsible = node.responsible or responsible
        if figures is None:
            return
        same = next((i for i in node.indicators if fold(i.name) == fold(figures.name)), None)
        if same is None:
            node.indicators.append(figures)
        elif same.figures() != figures.figures():
            self.plan.problems.append(
                where.problem(
                    f"indicator {figures.name!r} of {node.describe()} is given again (row {same.where.row}) with other figures"
                )
            )


def _describe(item: _Stated) -> str:
    kind = item.kind.value.replace("_", " ") if item.kind else "row"
    return f"{kind} {item.code or repr(item.name)}"
