"""Normalized tables, as planning databases export them, into the plan.

A hierarchy of tables: tujuan, sasaran, program, kegiatan, sub_kegiatan, each row pointing at
its parent by a foreign key (`sasaran.tujuan_id`, `program.sasaran_id`, ...), each level with its
own indicator table (`indikator_program.program_id`, targets in `target_2025` ...), and an agency
table (`opd`) the sasaran point at (`opd_id`). Where a level has no foreign key but codes, its
parent comes from the code prefix (Kepmendagri 050-5889). They come as one CSV file per table (a
folder or a .zip) or as the INSERT statements of a SQL dump. Column names follow the same
Indonesian vocabulary as spreadsheet headers (`kode`, `nama`, `satuan`, `kondisi_awal`,
`target_2025`, `pagu_2025`, `realisasi_tw1_2025`, `penanggung_jawab`, ...); a column none of
this names is reported as not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from lineage.cascade.errors import Problem
from lineage.cascade.model import ElementKind, Measure, Period
from lineage.importers import values
from lineage.importers.grid import GridError, Value, read_grids
from lineage.importers.headers import Mapping, Spec, classify, ignored_why, normalise
from lineage.importers.plan import FIX_SOURCE, Plan, PlanIndicator, PlanNode, UnreadColumn, Where
from lineage.importers.sql_dump import SqlDumpError, dump_text, read_dump
from lineage.progress import Progress
from lineage.text import fold

T = TypeVar("T")
LEVELS = [
    ElementKind.agency_goal,
    ElementKind.agency_target,
    ElementKind.program,
    ElementKind.kegiatan,
    ElementKind.sub_kegiatan,
]
_TABLE_NAMES = {
    ElementKind.agency_goal: "tujuan",
    ElementKind.agency_target: "sasaran",
    ElementKind.program: "program",
    ElementKind.kegiatan: "kegiatan",
    ElementKind.sub_kegiatan: "sub_kegiatan",
}
_AGENCY_TABLES = {"opd", "perangkat_daerah", "skpd", "unit_organisasi"}
_PREFIXES = ("tbl_", "tb_", "t_", "ref_", "renstra_", "data_", "m_")
_AGENCY_KEYS = ("opd_id", "id_opd", "perangkat_daerah_id", "skpd_id", "id_skpd")
_NAME_KEYS = ("nama", "uraian", "nomenklatur", "indikator", "nama_indikator")


@dataclass
class _Row:
    where: Where
    cells: dict[str, Value]


def read_tables(source: str, files: dict[str, bytes], mapping: Mapping, *, progress: Progress | None = None) -> Plan:
    """`files`: CSV files by name, or one SQL dump."""
    plan = Plan(source=source)
    tables: dict[str, list[_Row]] = {}
    for name, content in files.items():
        if name.lower().endswith(".sql"):
            try:
                dump = read_dump(dump_text(content))
            except SqlDumpError as exc:
                plan.refuse([Where(name, None, exc.line).problem(str(exc).split(": ", 1)[1])], FIX_SOURCE)
                return plan
            for table in dump.values():
                if _already_read(tables, _table_key(table.name), Where(name, table.name, None), plan):
                    return plan
                tables[_table_key(table.name)] = [
                    _Row(Where(name, table.name, line), {c.lower(): _cell(v) for c, v in cells.items()})
                    for line, cells in table.rows
                ]
        else:
            try:
                (grid,) = read_grids(
                    name if name == source else f"{source}/{name}", content
                )  # a member named with its archive
            except GridError as exc:
                plan.refuse([exc.problem], FIX_SOURCE)
                continue
            head = [str(h).lower() if h is not None else "" for h in (grid.rows[0] if grid.rows else [])]
            if _already_read(tables, _table_key(name.rsplit(".", 1)[0]), Where(source, name, None), plan):
                return plan
            tables[_table_key(name.rsplit(".", 1)[0])] = [
                _Row(Where(source, name, n + 1), {h: grid.value(n, c) for c, h in enumerate(head) if h})
                for n in range(1, len(grid.rows))
                if any(v is not None for v in grid.rows[n])
            ]
    _Tables(plan, tables, mapping, progress).read()
    return plan


def _cell(value: object) -> Value:
    return value if value is None or isinstance(value, (str, int, float)) else str(value)


def _already_read(tables: dict[str, list[_Row]], key: str, where: Where, plan: Plan) -> bool:
    """Two files (tbl_tujuan.csv, tujuan.csv) or dump tables read as the same table would replace
    one another silently: the import is refused instead."""
    if key in tables:
        plan.refuse([where.problem(f"read as table {key!r}, like another table of the source: keep one")], FIX_SOURCE)
    return key in tables


def _table_key(name: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")
    for prefix in _PREFIXES:
        key = key.removeprefix(prefix)
    return key.replace("subkegiatan", "sub_kegiatan")


class _RowRead:
    """Reading the cells of one table row; each that cannot be read is a problem naming it."""

    def __init__(self, row: _Row) -> None:
        self.row = row
        self.problems: list[Problem] = []

    def parse(self, column: str | None, parse: Callable[[Value], T | None]) -> T | None:
        if column is None or column not in self.row.cells:
            return None
        try:
            return parse(self.row.cells[column])
        except ValueError as exc:
            self.problems.append(self.row.where.at(column).problem(str(exc)))
            return None

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(self.row.where.at(column).problem(message))


class _Tables:
    def __init__(self, plan: Plan, tables: dict[str, list[_Row]], mapping: Mapping, progress: Progress | None) -> None:
        self.plan, self.tables, self.mapping, self.progress = plan, tables, mapping, progress
        #: (kind, primary key) -> node, or the row (Where) that failed to make it
        self.by_id: dict[tuple[ElementKind, str], PlanNode | Where] = {}
        self.by_code: dict[tuple[str | None, str], PlanNode] = {}
        self.goal_keys: dict[str, PlanNode] = {}
        self.agencies: dict[str, tuple[str, str | None]] = {}
        #: the columns each table's rows were read from, for the report of those not read
        self.used: dict[str, set[str]] = {}

    def read(self) -> None:
        self._agencies()
        if not any(_TABLE_NAMES[kind] in self.tables for kind in LEVELS):
            self.plan.refuse(
                [
                    Where(self.plan.source, None, None).problem(
                        "no table named tujuan, sasaran, program, kegiatan or sub_kegiatan"
                    )
                ],
                FIX_SOURCE,
            )
            return
        total = sum(len(self.tables.get(_TABLE_NAMES[k], [])) + len(self._indicator_rows(k)[1]) for k in LEVELS)
        done = 0
        for kind in LEVELS:
            for row in self.tables.get(_TABLE_NAMES[kind], []):
                self.plan.rows_read += 1
                self._element(kind, row)
            indicator_table, rows = self._indicator_rows(kind)
            for row in rows:
                self.plan.rows_read += 1
                self._indicator(kind, indicator_table, row)
            done += len(self.tables.get(_TABLE_NAMES[kind], [])) + len(rows)
            if self.progress:
                self.progress("table rows", done, total)
        self._unread()
        years = [y for n in self.by_id.values() if isinstance(n, PlanNode) for i in n.indicators for y in i.targets]
        if years and not self.plan.period:  # the plan's period: the years it sets targets for
            self.plan.period = Period(start=min(years), end=max(years))

    def _indicator_rows(self, kind: ElementKind) -> tuple[str, list[_Row]]:
        name = _TABLE_NAMES[kind]
        for key in (f"indikator_{name}", f"ik_{name}", f"{name}_indikator", f"indikator_kinerja_{name}"):
            if key in self.tables:
                return key, self.tables[key]
        return "", []

    def _agencies(self) -> None:
        for key in _AGENCY_TABLES & set(self.tables):
            for row in self.tables[key]:
                pk = self._pick(key, row, "id", f"id_{key}", f"{key}_id", "kode")
                name = self._pick(key, row, "nama", f"nama_{key}", "uraian", key)
                region = self._pick(key, row, "daerah", "pemda", "kabupaten_kota", "wilayah", "region")
                if pk and name:
                    self.agencies[pk] = (name, region)
                    if region and not self.plan.region:
                        self.plan.region = region

    def _pick(self, table: str, row: _Row, *names: str) -> str | None:
        """The first of `names` the row has a value in, as text; the column counts as read."""
        used = self.used.setdefault(table, set())
        for name in names:
            if name in row.cells:
                used.add(name)
                if row.cells[name] is not None:
                    return values.text(row.cells[name])
        return None

    def _unread(self) -> None:
        """Every column of a table read that no field took, and every table not read."""
        for table, rows in self.tables.items():
            if table not in self.used:
                self.plan.unread_columns.append(
                    UnreadColumn(
                        table, "(table)", "", "not a table of the plan (tujuan, sasaran, ..., indikator_*, opd)"
                    )
                )
                continue
            columns = dict.fromkeys(c for row in rows for c in row.cells)
            for column in columns:
                if column not in self.used[table]:
                    spec = _spec(column, self.mapping)
                    why = ignored_why(column) if spec and spec.field.attribute == "ignore" else "no known column name"
                    self.plan.unread_columns.append(UnreadColumn(table, column, column, why))

    # -- one row of a level table ----------------------------------------------------------------

    def _element(self, kind: ElementKind, row: _Row) -> None:
        table = _TABLE_NAMES[kind]
        read = _RowRead(row)
        pk = self._pick(table, row, "id", f"id_{table}", f"{table}_id")
        name = self._pick(table, row, "nama", f"nama_{table}", "uraian", "nomenklatur", table)
        code_column = next((c for c in ("kode", f"kode_{table}") if c in row.cells), None)
        self.used.setdefault(table, set()).update(filter(None, [code_column]))
        code = read.parse(code_column, values.code)
        self._check_code(kind, code, read)
        if not name:
            read.problem("nama", f"a {table} without a name")
        parent = self._parent(kind, row, code, read)
        agency = self._agency(table, row, parent)
        budget, responsible = self._element_figures(table, row, read)
        if read.problems:
            self.plan.refuse(read.problems)
            if pk:
                self.by_id[(kind, pk)] = row.where
            return
        assert name is not None
        node = self._node(kind, name, code, row.where, agency, parent)
        node.budget, node.responsible = budget, responsible
        if pk:
            self.by_id[(kind, pk)] = node
        if code:
            self.by_code[(agency, code)] = node

    def _check_code(self, kind: ElementKind, code: str | None, read: _RowRead) -> None:
        if not code or kind in (ElementKind.agency_goal, ElementKind.agency_target):
            return
        try:
            if values.code_level(code) is not kind:
                read.problem(
                    "kode",
                    f"code {code} is a {values.code_level(code).value.replace('_', ' ')} code, "
                    f"in the {_TABLE_NAMES[kind]} table",
                )
        except ValueError as exc:
            read.problem("kode", str(exc))

    def _element_figures(self, table: str, row: _Row, read: _RowRead) -> tuple[dict[int, float], str | None]:
        budget: dict[int, float] = {}
        responsible = None
        for column, value in row.cells.items():
            spec = _spec(column, self.mapping)
            if spec and spec.field.attribute == "budget" and spec.year:
                self.used[table].add(column)
                amount = read.parse(column, values.amount)
                if amount is not None:
                    budget[spec.year] = amount
            elif spec and spec.field.attribute == "responsible":
                self.used[table].add(column)
                responsible = values.text(value)
        return budget, responsible

    def _node(
        self, kind: ElementKind, name: str, code: str | None, where: Where, agency: str | None, parent: PlanNode | None
    ) -> PlanNode:
        if kind is ElementKind.agency_goal:
            key = code or fold(name)
            if key not in self.goal_keys:
                self.goal_keys[key] = PlanNode(kind=kind, name=name, where=where, code=code)
                self.plan.add_child(None, self.goal_keys[key])
            return self.goal_keys[key]
        node = PlanNode(kind=kind, name=name, where=where, code=code, agency=agency)
        self.plan.add_child(parent, node)
        return node

    def _parent(self, kind: ElementKind, row: _Row, code: str | None, read: _RowRead) -> PlanNode | None:
        position = LEVELS.index(kind)
        if position == 0:
            return None
        above = LEVELS[position - 1]
        above_table, table = _TABLE_NAMES[above], _TABLE_NAMES[kind]
        fk_column = next(
            (c for c in (f"{above_table}_id", f"id_{above_table}", f"kode_{above_table}") if c in row.cells), None
        )
        if fk_column is None:
            if code:
                return self._parent_by_code(kind, row, code, read)
            self._no_key(above_table, read)
            return None
        self.used.setdefault(table, set()).add(fk_column)
        ref = values.text(row.cells[fk_column])
        if ref is None:
            read.problem(fk_column, f"parent missing: {fk_column} is empty")
            return None
        found = (
            self.by_id.get((above, ref))
            if not fk_column.startswith("kode")
            else self._by_code(self._agency(table, row, None), ref)
        )
        if isinstance(found, Where):
            read.problem(fk_column, f"its {above_table} ({found.sheet}, row {found.row}) has problems")
            return None
        if found is None:
            read.problem(fk_column, f"parent missing: no {above_table} with id {ref}")
        elif code and found.code and kind in CODED and not code.startswith(found.code + "."):
            read.problem("kode", f"code {code} does not start with the code of its {above_table} ({found.code})")
        return found

    def _no_key(self, above_table: str, read: _RowRead) -> None:
        if above_table in self.tables:
            read.problem(None, f"no {above_table}_id column to say which {above_table} it serves")

    def _parent_by_code(self, kind: ElementKind, row: _Row, code: str, read: _RowRead) -> PlanNode | None:
        if kind not in CODED:
            self._no_key(_TABLE_NAMES[LEVELS[LEVELS.index(kind) - 1]], read)
            return None
        parent_code = values.parent_code(code)
        above_table = _TABLE_NAMES[LEVELS[LEVELS.index(kind) - 1]]
        found = self._by_code(self._agency(_TABLE_NAMES[kind], row, None), parent_code) if parent_code else None
        if found is None:
            read.problem("kode", f"parent missing: no {above_table.replace('_', ' ')} {parent_code}")
        return found

    def _by_code(self, agency: str | None, code: str) -> PlanNode | None:
        """The node with this code in the agency; with no agency known, the one node that has it."""
        if agency is not None:
            return self.by_code.get((agency, code))
        found = [node for (_, c), node in self.by_code.items() if c == code]
        return found[0] if len(found) == 1 else None

    def _agency(self, table: str, row: _Row, parent: PlanNode | None) -> str | None:
        ref = self._pick(table, row, *_AGENCY_KEYS)
        if ref is not None:
            return self.agencies.get(ref, (ref, None))[0]
        return parent.agency if parent is not None else None

    # -- one row of an indicator table -----------------------------------------------------------

    def _measured(self, kind: ElementKind, table: str, row: _Row, read: _RowRead) -> PlanNode | None:
        """The element an indicator row points at by its foreign key."""
        level_table = _TABLE_NAMES[kind]
        fk_column = next((c for c in (f"{level_table}_id", f"id_{level_table}") if c in row.cells), None)
        self.used.setdefault(table, set()).update(filter(None, [fk_column, "id"]))
        if fk_column is None:
            read.problem(None, f"no {level_table}_id column to say which {level_table} it measures")
            return None
        ref = values.text(row.cells.get(fk_column))
        node = self.by_id.get((kind, ref or ""))
        if isinstance(node, Where):
            read.problem(fk_column, f"its {level_table} ({node.sheet}, row {node.row}) has problems")
            return None
        if node is None:
            read.problem(fk_column, f"parent missing: no {level_table} with id {ref}")
        return node

    def _indicator(self, kind: ElementKind, table: str, row: _Row) -> None:
        read = _RowRead(row)
        node = self._measured(kind, table, row, read)
        name = self._pick(table, row, *_NAME_KEYS)
        if not name:
            read.problem("nama", "an indicator without a name")
        indicator = PlanIndicator(name=name or "", where=row.where)
        for column, value in row.cells.items():
            spec = _spec(column, self.mapping)
            if spec is not None and spec.field.attribute in _INDICATOR_ATTRIBUTES:
                self.used[table].add(column)
                if not values.is_blank(value):
                    _figure(indicator, column, spec, read)
        if read.problems or not isinstance(node, PlanNode):
            self.plan.refuse(read.problems)
            return
        same = next((i for i in node.indicators if fold(i.name) == fold(indicator.name)), None)
        if same is None:
            node.indicators.append(indicator)
        elif same.figures() != indicator.figures():
            self.plan.refuse([row.where.problem(f"indicator {indicator.name!r} is given twice with other figures")])


CODED = (ElementKind.kegiatan, ElementKind.sub_kegiatan)
_INDICATOR_ATTRIBUTES = frozenset(
    {
        "target",
        "realisation",
        "baseline",
        "type",
        "polarity",
        "unit",
        "definition",
        "formula",
        "data_source",
        "frequency",
    }
)


def _figure(indicator: PlanIndicator, column: str, spec: Spec, read: _RowRead) -> None:
    attribute, year = spec.field.attribute, spec.year
    if attribute in ("target", "realisation", "baseline"):
        number = read.parse(column, values.number)
        if number is None:
            return
        if attribute == "baseline":
            indicator.baseline, indicator.baseline_year = Measure(value=number), year
        elif year and attribute == "target":
            indicator.targets[year] = Measure(value=number)
        elif year:
            indicator.realisations[(year, spec.quarter)] = Measure(value=number)
    elif attribute == "type":
        indicator.type = read.parse(column, values.indicator_type)
    elif attribute == "polarity":
        indicator.polarity = read.parse(column, values.polarity)
    else:
        setattr(indicator, attribute, read.parse(column, values.text))


def _spec(column: str, mapping: Mapping) -> Spec | None:
    """`target_2025` -> target 2025; keys and names are not figures."""
    if column in ("id", "nama", "uraian", "kode") or column.endswith("_id") or column.startswith("id_"):
        return None
    return classify(column.replace("_", " "), mapping) if normalise(column) else None
