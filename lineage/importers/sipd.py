"""SIPD RI Renstra data, as community tools retrieve it from SIPD's API, into the plan.

SIPD RI (sipd-ri.kemendagri.go.id) answers `api/renstra/renstra_tujuan/list`,
`renstra_sasaran/list`, `renstra_program/list`, `renstra_giat/list` (and `renstra_sub_giat/list`)
with `{"data": [row, ...]}`. A source is one JSON object holding those lists by name (each a list
of rows or such an answer), or a folder or .zip of `renstra_tujuan.json`, ... files.

How the rows are read (field names as SIPD writes them; docs/import.md says where they were
checked): each list holds, per element, one row without `id_unik_indikator` (the element) and one
row per indicator with it; both carry the element's `id_unik`. A child names its parent by the
parent's `id_unik`: `kode_tujuan` (sasaran), `kode_sasaran` (program), `kode_program` or
`kode_unik_program` (kegiatan), `kode_kegiatan` (sub kegiatan). Names: `tujuan_teks`,
`sasaran_teks`, `nama_program`, `nama_giat`, `nama_sub_giat`; official codes: `kode_program` of a
program row, `kode_giat`, `kode_sub_giat`. Indicators: `indikator_teks` (tujuan, sasaran) or
`indikator`, `satuan`, `target_1` .. `target_5` for the years from `tahun_awal`, `target_awal` the
baseline (its year is not stated); budgets `pagu_1` .. `pagu_5`. The agency is `nama_skpd`.
A tujuan is the agency's goal (Tujuan PD); `kode_sasaran_rpjm` names the RPJMD sasaran it serves.
Every other field is listed in the report as not read, with why.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from lineage.cascade.errors import Problem
from lineage.cascade.model import ElementKind, Measure, Period
from lineage.importers import values
from lineage.importers.plan import Plan, PlanIndicator, PlanNode, UnreadColumn, Where
from lineage.text import fold

T = TypeVar("T")
#: The lists of a SIPD Renstra, top down, with the names community tools also give them.
LISTS: dict[ElementKind, tuple[str, ...]] = {
    ElementKind.agency_goal: ("renstra_tujuan",),
    ElementKind.agency_target: ("renstra_sasaran",),
    ElementKind.program: ("renstra_program",),
    ElementKind.kegiatan: ("renstra_giat", "renstra_kegiatan"),
    ElementKind.sub_kegiatan: ("renstra_sub_giat", "renstra_sub_kegiatan"),
}
LIST_NAMES = frozenset(name for names in LISTS.values() for name in names)
_NAME = {
    ElementKind.agency_goal: "tujuan_teks",
    ElementKind.agency_target: "sasaran_teks",
    ElementKind.program: "nama_program",
    ElementKind.kegiatan: "nama_giat",
    ElementKind.sub_kegiatan: "nama_sub_giat",
}
_CODE = {
    ElementKind.program: "kode_program",
    ElementKind.kegiatan: "kode_giat",
    ElementKind.sub_kegiatan: "kode_sub_giat",
}
#: The fields naming the parent's `id_unik`, the first present wins.
_PARENT = {
    ElementKind.agency_target: ("kode_tujuan",),
    ElementKind.program: ("kode_sasaran",),
    ElementKind.kegiatan: ("kode_unik_program", "kode_program"),
    ElementKind.sub_kegiatan: ("kode_kegiatan",),
}
_YEARS = 5
#: Fields not read, and why (checked against the field's name with the year's digit removed).
_NOT_READ = {
    "target_akhir": "the end-of-period condition repeats the last year's target",
    "pagu_akhir": "the end-of-period pagu repeats the last year's",
    "pagu_awal": "the pagu before the period is not part of the plan",
    "is_locked": "SIPD's lock state; a cascade keeps none",
    "is_locked_indikator": "SIPD's lock state; a cascade keeps none",
    "kode_sasaran_rpjm": "read from the tujuan's rows only: the RPJMD sasaran each target, program, ... serves "
    "is its tujuan's",
}
_INTERNAL = (
    "id_",
    "urut_",
    "kode_bidang_urusan",
    "nama_bidang_urusan",
    "kode_skpd",
    "status",
    "tahun_anggaran",
    "perlu_mutakhirkan",
    "catatan",
    "_lock",
)


class SipdError(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def is_sipd(data: object) -> bool:
    """Whether parsed JSON is a SIPD Renstra (an object holding one of its lists by name)."""
    return isinstance(data, dict) and bool(LIST_NAMES & set(data))


def sipd_lists(source: str, files: dict[str, bytes]) -> dict[str, list[dict[str, object]]]:
    """The lists of a SIPD Renstra: one JSON object holding them, or one JSON file per list."""
    lists: dict[str, list[dict[str, object]]] = {}
    for name, content in files.items():
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise SipdError(Problem(name, getattr(exc, "lineno", None), "", f"not JSON text ({exc})")) from None
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
        members = data if is_sipd(data) else {stem: data}
        for list_name, rows in members.items():
            # Any other member (a list SIPD renamed, one the Renstra does not hold) is kept without
            # rows, so that the report lists it as not read (_SipdReader._unread).
            lists[list_name] = _rows_of(name, list_name, rows) if list_name in LIST_NAMES else []
    if not LIST_NAMES & set(lists):
        raise SipdError(Problem(source, None, "", f"no SIPD Renstra list ({', '.join(sorted(LIST_NAMES))})"))
    return lists


def _rows_of(file: str, list_name: str, rows: object) -> list[dict[str, object]]:
    if isinstance(rows, dict) and "data" in rows:  # the API's answer, as saved
        rows = rows["data"]
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise SipdError(Problem(file, None, list_name, "a list of rows (objects) was expected"))
    for n, row in enumerate(rows, 1):
        for name, value in row.items():
            if isinstance(value, dict | list):  # str() would make a name of Python's text of it
                where = Where(file, list_name, n, name)
                raise SipdError(where.problem("an object or a list, where SIPD writes text or a number"))
    return rows


@dataclass
class _Element:
    kind: ElementKind
    id_unik: str
    rows: list[tuple[Where, dict[str, object]]] = field(default_factory=list)


class _Read:
    """Reading fields of one row; each that cannot be read is a problem naming it."""

    def __init__(self, where: Where, row: dict[str, object]) -> None:
        self.where, self.row = where, row
        self.problems: list[Problem] = []

    def parse(self, name: str, parse: Callable[[object], T | None]) -> T | None:
        if name not in self.row:
            return None
        try:
            return parse(self.row[name])
        except ValueError as exc:
            self.problems.append(self.where.at(name).problem(str(exc)))
            return None

    def text(self, name: str) -> str | None:
        return self.parse(name, values.text)


def read_sipd(source: str, lists: dict[str, list[dict[str, object]]]) -> Plan:
    plan = Plan(source=source)
    _SipdReader(plan, lists).read()
    return plan


class _SipdReader:
    def __init__(self, plan: Plan, lists: dict[str, list[dict[str, object]]]) -> None:
        self.plan, self.lists = plan, lists
        self.nodes: dict[tuple[ElementKind, str], PlanNode | Where] = {}
        self.used: dict[str, set[str]] = {}
        self.start: int | None = None

    def read(self) -> None:
        self._period()
        for kind, names in LISTS.items():
            name = next((n for n in names if n in self.lists), None)
            if name is None:
                continue
            for element in self._elements(kind, name):
                self._element(name, element)
        self._unread()

    def _period(self) -> None:
        """The plan's years: `tahun_awal` .. `tahun_akhir` of the first row giving them."""
        for name, rows in self.lists.items():
            for n, row in enumerate(rows, 1):
                read = _Read(Where(self.plan.source, name, n), row)
                start, end = read.parse("tahun_awal", _year), read.parse("tahun_akhir", _year)
                if read.problems:
                    self.plan.refuse(read.problems)
                    return
                if start and end and end >= start:
                    self.start = start
                    self.plan.period = Period(start=start, end=end)
                    return

    def _elements(self, kind: ElementKind, name: str) -> list[_Element]:
        """The list's rows grouped by element (`id_unik`), in order of first appearance."""
        elements: dict[str, _Element] = {}
        self.used.setdefault(name, set()).update({"id_unik", "id_unik_indikator", "tahun_awal", "tahun_akhir"})
        for n, row in enumerate(self.lists[name], 1):
            where = Where(self.plan.source, name, n)
            key = values.text(row.get("id_unik"))
            self.plan.rows_read += 1
            if not key:
                self.plan.refuse([where.at("id_unik").problem("a row without id_unik: which element is it?")])
                continue
            elements.setdefault(key, _Element(kind, key)).rows.append((where, row))
        return list(elements.values())

    def _element(self, list_name: str, element: _Element) -> None:
        kind = element.kind
        first_where, first = element.rows[0]
        read = _Read(first_where, first)
        used = self.used[list_name]
        used.update({_NAME[kind], "nama_skpd", *_PARENT.get(kind, ()), *([_CODE[kind]] if kind in _CODE else [])})
        name = read.text(_NAME[kind])
        code = read.parse(_CODE[kind], values.code) if kind in _CODE else None
        parent = self._parent(element, read)
        if not name:
            read.problems.append(
                first_where.at(_NAME[kind]).problem(f"a {kind.value.replace('_', ' ')} without a name")
            )
        agency = read.text("nama_skpd")
        budget = self._budget(list_name, element, read)
        indicators = self._indicators(list_name, element, read)
        if read.problems:
            self.plan.refuse(read.problems)
            self.nodes[(kind, element.id_unik)] = first_where
            return
        assert name is not None
        node = PlanNode(kind=kind, name=name, where=first_where, code=code, budget=budget, indicators=indicators)
        node.agency = None if kind is ElementKind.agency_goal else (agency or (parent.agency if parent else None))
        if kind is ElementKind.agency_goal:
            used.add("kode_sasaran_rpjm")
            node.serves_code = read.text("kode_sasaran_rpjm")
        self.nodes[(kind, element.id_unik)] = node
        self.plan.add_child(parent, node)

    def _parent(self, element: _Element, read: _Read) -> PlanNode | None:
        fields = _PARENT.get(element.kind)
        if not fields:
            return None
        above = list(LISTS)[list(LISTS).index(element.kind) - 1]
        ref_field = next((f for f in fields if values.text(read.row.get(f))), fields[-1])
        ref = values.text(read.row.get(ref_field))
        found = self.nodes.get((above, ref or ""))
        if isinstance(found, Where):
            read.problems.append(
                read.where.at(ref_field).problem(
                    f"its {above.value.replace('_', ' ')} ({found.sheet} row {found.row}) has problems"
                )
            )
            return None
        if found is None:
            read.problems.append(
                read.where.at(ref_field).problem(
                    f"parent missing: no {LISTS[above][0]} row with id_unik {ref!r}"
                    if ref
                    else f"parent missing: {ref_field} is empty"
                )
            )
        return found

    def _budget(self, list_name: str, element: _Element, read: _Read) -> dict[int, float]:
        """`pagu_1` .. `pagu_5` of the element's row (its indicator rows repeat them)."""
        budget: dict[int, float] = {}
        where, row = next(
            ((w, r) for w, r in element.rows if not values.text(r.get("id_unik_indikator"))), element.rows[0]
        )
        row_read = _Read(where, row)
        for k in range(1, _YEARS + 1):
            self.used[list_name].add(f"pagu_{k}")
            amount = row_read.parse(f"pagu_{k}", values.amount)
            if amount is not None and self.start is not None:
                budget[self.start + k - 1] = amount
        read.problems.extend(row_read.problems)
        return budget

    def _indicators(self, list_name: str, element: _Element, read: _Read) -> list[PlanIndicator]:
        out: list[PlanIndicator] = []
        name_field = (
            "indikator_teks" if element.kind in (ElementKind.agency_goal, ElementKind.agency_target) else "indikator"
        )
        self.used[list_name].update(
            {name_field, "satuan", "target_awal", *(f"target_{k}" for k in range(1, _YEARS + 1))}
        )
        for where, row in element.rows:
            if not values.text(row.get("id_unik_indikator")):
                continue
            row_read = _Read(where, row)
            name = row_read.text(name_field)
            if not name:
                row_read.problems.append(where.at(name_field).problem("an indicator row without the indicator's name"))
            indicator = PlanIndicator(name=name or "", where=where, unit=row_read.text("satuan"))
            baseline = row_read.parse("target_awal", values.number)
            if baseline is not None:
                indicator.baseline = Measure(value=baseline)
            for k in range(1, _YEARS + 1):
                target = row_read.parse(f"target_{k}", values.number)
                if target is not None and self.start is not None:
                    indicator.targets[self.start + k - 1] = Measure(value=target)
            read.problems.extend(row_read.problems)
            if name and not any(fold(i.name) == fold(name) for i in out):
                out.append(indicator)
        return out

    def _unread(self) -> None:
        """Every field of a list no part of the plan took, once per list, with why."""
        for list_name, rows in self.lists.items():
            used = self.used.get(list_name)
            if used is None:
                self.plan.unread_columns.append(UnreadColumn(list_name, "(list)", "", "not a list of the Renstra read"))
                continue
            for name in dict.fromkeys(f for row in rows for f in row):
                if name not in used:
                    self.plan.unread_columns.append(UnreadColumn(list_name, name, name, _why(name)))


def _why(name: str) -> str:
    if name in ("kode_tujuan", "kode_sasaran", "kode_program", "kode_unik_program"):
        return "the id_unik of an ancestor above the parent; the parent's link places the element"
    if name in _NOT_READ:
        return _NOT_READ[name]
    if name.endswith("_usulan"):
        return "a proposal (usulan), not the plan"
    if name.startswith(_INTERNAL) or name.endswith(_INTERNAL):
        return "SIPD's own bookkeeping (ids, order, lock and status fields)"
    return "no field of the cascade"


def _year(value: object) -> int | None:
    number = values.number(value)
    if number is None:
        return None
    if not number.is_integer() or not 1900 <= number <= 2200:
        raise ValueError(f"{value!r} is not a year")
    return int(number)
