"""Normalized tables, as planning databases export them, into the plan.

A hierarchy of tables: tujuan, sasaran, program, kegiatan, sub_kegiatan, each row pointing at
its parent by a foreign key (`sasaran.tujuan_id`, `program.sasaran_id`, ...), each level with its
own indicator table (`indikator_program.program_id`, targets in `target_2025` ...), and an agency
table (`opd`) the sasaran point at (`opd_id`). Where a level has no foreign key but codes, its
parent comes from the code prefix (Kepmendagri 050-5889). They come as one CSV file per table (a
folder or a .zip) or as the INSERT statements of a SQL dump. Column names follow the same
Indonesian vocabulary as spreadsheet headers (`kode`, `nama`, `satuan`, `kondisi_awal`,
`target_2025`, `pagu_2025`, `realisasi_tw1_2025`, `penanggung_jawab`, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lineage.cascade.model import ElementKind, Measure, Period
from lineage.importers import values
from lineage.importers.grid import GridError, read_grids
from lineage.importers.headers import classify, normalise
from lineage.importers.plan import Plan, PlanIndicator, PlanNode, Where
from lineage.importers.sql_dump import SqlDumpError, read_dump
from lineage.text import fold

Progress = Callable[[str, int, int], None]
LEVELS = [
    ElementKind.mayor_goal,
    ElementKind.agency_target,
    ElementKind.program,
    ElementKind.kegiatan,
    ElementKind.sub_kegiatan,
]
_TABLE_NAMES = {
    ElementKind.mayor_goal: "tujuan",
    ElementKind.agency_target: "sasaran",
    ElementKind.program: "program",
    ElementKind.kegiatan: "kegiatan",
    ElementKind.sub_kegiatan: "sub_kegiatan",
}
_AGENCY_TABLES = {"opd", "perangkat_daerah", "skpd", "unit_organisasi"}
_PREFIXES = ("tbl_", "tb_", "t_", "ref_", "renstra_", "data_", "m_")


@dataclass
class _Row:
    where: Where
    cells: dict[str, object]


def read_tables(
    source: str, files: dict[str, bytes], mapping: dict[str, str], *, progress: Progress | None = None
) -> Plan:
    """`files`: CSV files by name, or one SQL dump."""
    plan = Plan(source=source)
    tables: dict[str, list[_Row]] = {}
    for name, content in files.items():
        if name.lower().endswith(".sql"):
            try:
                dump = read_dump(content.decode("utf-8", errors="replace"))
            except SqlDumpError as exc:
                plan.problems.append(Where(name, None, exc.line).problem(str(exc).split(": ", 1)[1]))
                return plan
            for table in dump.values():
                tables[_table_key(table.name)] = [
                    _Row(Where(name, table.name, line), {c.lower(): v for c, v in cells.items()})
                    for line, cells in table.rows
                ]
        else:
            try:
                (grid,) = read_grids(name, content)
            except GridError as exc:
                plan.problems.append(exc.problem)
                continue
            head = [str(h).lower() if h is not None else "" for h in (grid.rows[0] if grid.rows else [])]
            tables[_table_key(name.rsplit(".", 1)[0])] = [
                _Row(Where(source, name, n + 1), {h: grid.value(n, c) for c, h in enumerate(head) if h})
                for n in range(1, len(grid.rows))
                if any(v is not None for v in grid.rows[n])
            ]
    _Tables(plan, tables, mapping, progress).read()
    return plan


def _table_key(name: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")
    for prefix in _PREFIXES:
        key = key.removeprefix(prefix)
    return key.replace("subkegiatan", "sub_kegiatan")


class _Tables:
    def __init__(
        self, plan: Plan, tables: dict[str, list[_Row]], mapping: dict[str, str], progress: Progress | None
    ) -> None:
        self.plan, self.tables, self.mapping, self.progress = plan, tables, mapping, progress
        #: (kind, primary key) -> node, or the row (Where) that failed to make it
        self.by_id: dict[tuple[ElementKind, str], PlanNode | Where] = {}
        self.by_code: dict[tuple[str | None, str], PlanNode] = {}
        self.goal_keys: dict[str, PlanNode] = {}
        self.agencies: dict[str, tuple[str, str | None]] = {}

    def read(self) -> None:
        self._agencies()
        found = [kind for kind in LEVELS if _TABLE_NAMES[kind] in self.tables]
        if not found:
            self.plan.problems.append(
                Where(self.plan.source, None, None).problem(
                    "no table named tujuan, sasaran, program, kegiatan or sub_kegiatan"
                )
            )
            return
        total = sum(len(self.tables.get(_TABLE_NAMES[k], [])) + len(self._indicator_rows(k)) for k in LEVELS)
        done = 0
        for kind in LEVELS:
            for row in self.tables.get(_TABLE_NAMES[kind], []):
                self.plan.rows_read += 1
                self._element(kind, row)
            for row in self._indicator_rows(kind):
                self.plan.rows_read += 1
                self._indicator(kind, row)
            done += len(self.tables.get(_TABLE_NAMES[kind], [])) + len(self._indicator_rows(kind))
            if self.progress:
                self.progress("table rows", done, total)
        years = [
            y for node in self.by_id.values() if isinstance(node, PlanNode) for i in node.indicators for y in i.targets
        ]
        if years and not self.plan.period:  # the plan's period: the years it sets targets for
            self.plan.period = Period(start=min(years), end=max(years))

    def _indicator_rows(self, kind: ElementKind) -> list[_Row]:
        name = _TABLE_NAMES[kind]
        for key in (f"indikator_{name}", f"ik_{name}", f"{name}_indikator", f"indikator_kinerja_{name}"):
            if key in self.tables:
                return self.tables[key]
        return []

    def _agencies(self) -> None:
        for key in _AGENCY_TABLES & set(self.tables):
            for row in self.tables[key]:
                pk = _text(_pick(row.cells, "id", f"id_{key}", f"{key}_id", "kode"))
                name = _text(_pick(row.cells, "nama", f"nama_{key}", "uraian", key))
                region = _text(_pick(row.cells, "daerah", "pemda", "kabupaten_kota", "wilayah", "region"))
                if pk and name:
                    self.agencies[pk] = (name, region)
                    if region and not self.plan.region:
                        self.plan.region = region

    # -- one row of a level table ----------------------------------------------------------------

    def _element(self, kind: ElementKind, row: _Row) -> None:  # noqa: C901  (to split: issue 12)
        problems: list = []
        table = _TABLE_NAMES[kind]
        pk = _text(_pick(row.cells, "id", f"id_{table}", f"{table}_id"))
        name = _text(_pick(row.cells, "nama", f"nama_{table}", "uraian", "nomenklatur", table))
        code = self._read(row, problems, values.code, "kode", f"kode_{table}")
        if code and kind not in (ElementKind.mayor_goal, ElementKind.agency_target):
            try:
                if values.code_level(code) is not kind:
                    problems.append(
                        row.where.at("kode").problem(
                            f"code {code} is a {values.code_level(code).value.replace('_', ' ')} code, in the {table} table"
                        )
                    )
            except ValueError as exc:
                problems.append(row.where.at("kode").problem(str(exc)))
        if not name:
            problems.append(row.where.at("nama").problem(f"a {table} without a name"))
        parent = self._parent(kind, row, code, problems)
        agency = self._agency(row, parent)
        budget: dict[int, float] = {}
        responsible = None
        for column, value in row.cells.items():
            hit = _classify_column(column, self.mapping)
            if hit and hit[0] == "budget" and hit[1]:
                amount = self._value(row, problems, column, values.number)
                if amount is not None:
                    budget[hit[1]] = amount
            elif hit and hit[0] == "responsible":
                responsible = _text(value)
        if problems:
            self.plan.problems.extend(problems)
            if pk:
                self.by_id[(kind, pk)] = row.where
            return
        if kind is ElementKind.mayor_goal:
            key = code or fold(name)
            node = self.goal_keys.get(key)
            if node is None:
                node = self.goal_keys[key] = PlanNode(kind=kind, name=name, where=row.where, code=code)
                self.plan.add_child(None, node)
        else:
            node = PlanNode(
                kind=kind, name=name, where=row.where, code=code, agency=agency, budget=budget, responsible=responsible
            )
            self.plan.add_child(parent, node)
        if pk:
            self.by_id[(kind, pk)] = node
        if code:
            self.by_code[(agency, code)] = node

    def _parent(self, kind: ElementKind, row: _Row, code: str | None, problems: list) -> PlanNode | None:
        position = LEVELS.index(kind)
        if position == 0:
            return None
        above = LEVELS[position - 1]
        above_table = _TABLE_NAMES[above]
        fk_column = next(
            (c for c in (f"{above_table}_id", f"id_{above_table}", f"kode_{above_table}") if c in row.cells), None
        )
        if fk_column is None and code and kind in (ElementKind.kegiatan, ElementKind.sub_kegiatan):
            parent_code = values.parent_code(code)
            found = self._by_code(self._agency(row, None), parent_code)
            if found is None:
                problems.append(
                    row.where.at("kode").problem(f"parent missing: no {above_table.replace('_', ' ')} {parent_code}")
                )
            return found
        if fk_column is None:
            if above_table in self.tables:
                problems.append(row.where.problem(f"no {above_table}_id column to say which {above_table} it serves"))
            return None
        ref = _text(row.cells[fk_column])
        if ref is None:
            problems.append(row.where.at(fk_column).problem(f"parent missing: {fk_column} is empty"))
            return None
        found = (
            self.by_id.get((above, ref))
            if not fk_column.startswith("kode")
            else self._by_code(self._agency(row, None), ref)
        )
        if isinstance(found, Where):
            problems.append(
                row.where.at(fk_column).problem(f"its {above_table} ({found.sheet}, row {found.row}) has problems")
            )
            return None
        if found is None:
            problems.append(row.where.at(fk_column).problem(f"parent missing: no {above_table} with id {ref}"))
        elif (
            code
            and found.code
            and kind in (ElementKind.kegiatan, ElementKind.sub_kegiatan)
            and not code.startswith(found.code + ".")
        ):
            problems.append(
                row.where.at("kode").problem(
                    f"code {code} does not start with the code of its {above_table} ({found.code})"
                )
            )
        return found

    def _by_code(self, agency: str | None, code: str) -> PlanNode | None:
        """The node with this code in the agency; with no agency known, the one node that has it."""
        if agency is not None:
            return self.by_code.get((agency, code))
        found = [node for (_, c), node in self.by_code.items() if c == code]
        return found[0] if len(found) == 1 else None

    def _agency(self, row: _Row, parent: PlanNode | None) -> str | None:
        ref = _text(_pick(row.cells, "opd_id", "id_opd", "perangkat_daerah_id", "skpd_id", "id_skpd"))
        if ref is not None:
            return self.agencies.get(ref, (ref, None))[0]
        return parent.agency if parent is not None else None

    # -- one row of an indicator table -----------------------------------------------------------

    def _indicator(self, kind: ElementKind, row: _Row) -> None:  # noqa: C901  (to split: issue 12)
        problems: list = []
        table = _TABLE_NAMES[kind]
        fk_column = next((c for c in (f"{table}_id", f"id_{table}") if c in row.cells), None)
        node = self.by_id.get((kind, _text(row.cells.get(fk_column)))) if fk_column else None
        name = _text(_pick(row.cells, "nama", "indikator", "nama_indikator", "uraian"))
        if fk_column is None:
            problems.append(row.where.problem(f"no {table}_id column to say which {table} it measures"))
        elif isinstance(node, Where):
            problems.append(row.where.at(fk_column).problem(f"its {table} ({node.sheet}, row {node.row}) has problems"))
        elif node is None:
            problems.append(
                row.where.at(fk_column).problem(f"parent missing: no {table} with id {_text(row.cells.get(fk_column))}")
            )
        if not name:
            problems.append(row.where.at("nama").problem("an indicator without a name"))
        ind = PlanIndicator(name=name or "", where=row.where)
        for column, value in row.cells.items():
            hit = _classify_column(column, self.mapping)
            if hit is None or values.is_blank(value):
                continue
            field, year, _, quarter = hit
            if field in ("target", "realisation", "baseline"):
                number = self._value(row, problems, column, values.number)
                if number is None:
                    continue
                if field == "baseline":
                    ind.baseline, ind.baseline_year = Measure(value=number), year
                elif year and field == "target":
                    ind.targets[year] = Measure(value=number)
                elif year:
                    ind.realisations[(year, quarter)] = Measure(value=number)
            elif field == "type":
                ind.type = self._value(row, problems, column, values.indicator_type)
            elif field == "polarity":
                ind.polarity = self._value(row, problems, column, values.polarity)
            elif field in ("unit", "definition", "formula", "data_source", "frequency"):
                setattr(ind, field, _text(value))
        if problems:
            self.plan.problems.extend(problems)
            return
        same = next((i for i in node.indicators if fold(i.name) == fold(ind.name)), None)
        if same is None:
            node.indicators.append(ind)
        elif same.figures() != ind.figures():
            self.plan.problems.append(row.where.problem(f"indicator {ind.name!r} is given twice with other figures"))

    def _read(self, row: _Row, problems: list, parse, *columns: str):
        column = next((c for c in columns if c in row.cells), None)
        return self._value(row, problems, column, parse) if column else None

    def _value(self, row: _Row, problems: list, column: str, parse):
        try:
            return parse(row.cells[column])
        except ValueError as exc:
            problems.append(row.where.at(column).problem(str(exc)))
            return None


def _classify_column(column: str, mapping: dict[str, str]):
    """`target_2025` -> ("target", 2025, None, None); keys and names are not figures."""
    if column in ("id", "nama", "uraian", "kode") or column.endswith("_id") or column.startswith("id_"):
        return None
    return classify(column.replace("_", " "), mapping) if normalise(column) else None


def _pick(cells: dict[str, object], *names: str) -> object:
    return next((cells[n] for n in names if n in cells and cells[n] is not None), None)


def _text(value: object) -> str | None:
    return values.text(value)
