#!/usr/bin/env python3
"""Write one regency's Renstra in each layout planners use, from one cascade, for the import tests.

The cascade (data/examples/layouts/kabupaten-takalar-koperasi.yaml) is the truth: a Dinas Koperasi
dan UKM of Kabupaten Takalar, 2025-2029, two agency goals (Tujuan PD), three targets, four
programs (one coded X.XX.01, the support program of every agency), four kegiatan and six sub
kegiatan, with indicators (units, baselines, five years of targets), budgets (pagu) and the
positions that answer for each box, named as a Renstra names them ("Kepala Seksi Pengawasan
Koperasi"). From it, in data/examples/layouts/:

- renstra-table.xlsx (a): the Renstra table T-C.27 "Rencana Program, Kegiatan dan Pendanaan"
  (Permendagri 86/2017): a title block ("LAMPIRAN ...", "TABEL T-C.27", the agency, then
  "PEMERINTAH KABUPATEN TAKALAR", "TAHUN 2025-2029"), a three-row header whose years sit in merged
  cells over "Target | Pagu Indikatif (Rp)", a row of column numbers, tujuan and sasaran merged
  down their rows, ONE Kode and ONE name column for programs, kegiatan and sub kegiatan, and a
  JUMLAH row merged across the No column;
- cascading-matrix.xlsx (b): the cascading matrix, a column per level for its name, its code
  ("Kode" beside each level) and its indicator ("Indikator Tujuan" ... "Indikator Sub Kegiatan"),
  a "Sasaran Program" column, responsible positions per level ("PJ Program" ...), the sub
  kegiatan's unit, baseline, targets and pagu; each box merged down the rows of what hangs from it;
- blocks.xlsx (c): the block layout e-SAKIP applications export: "Tujuan: ...", its indicators,
  "Sasaran: ...", "Program: 2.17.03 Program ...", each block's figures on its rows, a TOTAL row;
- sipd-renstra.json (d): the lists SIPD RI answers (renstra_tujuan, renstra_sasaran,
  renstra_program, renstra_giat, renstra_sub_giat), one row per element and one per indicator,
  linked by id_unik, with SIPD's own bookkeeping fields (ids, locks, order) as exports hold them.

What each layout carries (the tests compare exactly that): (a) names, codes, indicators with
units, baselines and targets, pagu and owners of programs, kegiatan and sub kegiatan; (b) names,
codes, every level's indicators, the sasaran program, owners, the sub kegiatan's unit, baseline,
targets and pagu; (c) as (a), and owners of every block; (d) as (a) without owners, agency goals linked to
the RPJMD sasaran they serve (kode_sasaran_rpjm).

Run: .venv/bin/python scripts/make_layout_examples.py [OUT_DIR]   (default data/examples/layouts)
The output is deterministic (XLSX timestamps aside).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lineage.cascade import Cascade, Element, Indicator, read_cascade
from lineage.cascade.model import ElementKind, Position
from lineage.cascade.writer import dump_cascade
from lineage.importers.to_cascade import slug

YEARS = [2025, 2026, 2027, 2028, 2029]
M = 1_000_000
AGENCY = "Dinas Koperasi dan UKM"
REGION = "Kabupaten Takalar"
CASCADE_ID = "kabupaten-takalar-dinas-koperasi-dan-ukm-2025-2029"
RPJMD = "kabupaten-takalar-rpjmd-2025-2029"
HEAD = "Kepala Dinas Koperasi dan UKM"

# A box: (kind, code, name, responsible position and its tier, [indicators], pagu per year, [children])
# An indicator: (name, unit, baseline, [target per year])
PLAN = [
    (
        "agency_goal",
        None,
        "Meningkatnya Daya Saing Koperasi dan Usaha Mikro",
        None,
        [
            ("Persentase Koperasi Sehat", "%", 38, [40, 42, 44, 46, 48]),
            ("Pertumbuhan Usaha Mikro", "%", 2.1, [2.5, 3, 3.5, 4, 4.5]),
        ],
        None,
        [
            (
                "agency_target",
                None,
                "Meningkatnya Kualitas Kelembagaan Koperasi",
                None,
                [("Persentase Koperasi Aktif", "%", 55, [58, 61, 64, 67, 70])],
                None,
                [
                    (
                        "program",
                        "2.17.03",
                        "Program Pengawasan dan Pemeriksaan Koperasi",
                        ("Kepala Bidang Kelembagaan dan Pengawasan Koperasi", "eselon_iii"),
                        [("Persentase Koperasi yang Diperiksa", "%", 20, [25, 30, 35, 40, 45])],
                        "Meningkatnya Kepatuhan Koperasi terhadap Peraturan",
                        [
                            (
                                "kegiatan",
                                "2.17.03.2.01",
                                "Pemeriksaan dan Pengawasan Koperasi yang Wilayah Keanggotaannya dalam Daerah Kabupaten/Kota",
                                ("Kepala Seksi Pengawasan Koperasi", "eselon_iv"),
                                [("Jumlah Koperasi yang Diperiksa dan Diawasi", "Koperasi", 30, [35, 40, 45, 50, 55])],
                                None,
                                [
                                    (
                                        "sub_kegiatan",
                                        "2.17.03.2.01.0001",
                                        "Pemeriksaan Kepatuhan Koperasi terhadap Peraturan Perundang-Undangan",
                                        ("Pengawas Koperasi", "staff"),
                                        [
                                            (
                                                "Jumlah Koperasi yang Diperiksa Kepatuhannya",
                                                "Koperasi",
                                                30,
                                                [35, 40, 45, 50, 55],
                                            ),
                                            ("Jumlah Laporan Hasil Pemeriksaan", "Laporan", 4, [4, 4, 4, 4, 4]),
                                        ],
                                        [150 * M, 160 * M, 170 * M, 180 * M, 190 * M],
                                        [],
                                    ),
                                    (
                                        "sub_kegiatan",
                                        "2.17.03.2.01.0002",
                                        "Penilaian Kesehatan Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi",
                                        ("Analis Kelembagaan Koperasi", "staff"),
                                        [
                                            (
                                                "Jumlah KSP/USP yang Dinilai Kesehatannya",
                                                "Unit",
                                                12,
                                                [14, 16, 18, 20, 22],
                                            )
                                        ],
                                        [90 * M, 95 * M, 100 * M, 105 * M, 110 * M],
                                        [],
                                    ),
                                ],
                            )
                        ],
                    ),
                    (
                        "program",
                        "2.17.05",
                        "Program Pendidikan dan Latihan Perkoperasian",
                        ("Kepala Bidang Kelembagaan dan Pengawasan Koperasi", "eselon_iii"),
                        [("Persentase Pengurus Koperasi yang Terlatih", "%", 15, [20, 25, 30, 35, 40])],
                        "Meningkatnya Kompetensi Pengurus Koperasi",
                        [
                            (
                                "kegiatan",
                                "2.17.05.2.01",
                                "Pendidikan dan Latihan Perkoperasian bagi Koperasi yang Wilayah Keanggotaannya dalam Daerah Kabupaten/Kota",
                                ("Kepala Seksi Kelembagaan Koperasi", "eselon_iv"),
                                [("Jumlah Pengurus Koperasi yang Dilatih", "Orang", 60, [80, 100, 120, 140, 160])],
                                None,
                                [
                                    (
                                        "sub_kegiatan",
                                        "2.17.05.2.01.0001",
                                        "Peningkatan Pemahaman dan Pengetahuan Perkoperasian serta Kapasitas dan Kompetensi SDM Koperasi",
                                        ("Fungsional Penyuluh Koperasi", "staff"),
                                        [
                                            (
                                                "Jumlah SDM Koperasi yang Mengikuti Pelatihan",
                                                "Orang",
                                                60,
                                                [80, 100, 120, 140, 160],
                                            )
                                        ],
                                        [120 * M, 125 * M, 130 * M, 135 * M, 140 * M],
                                        [],
                                    )
                                ],
                            )
                        ],
                    ),
                ],
            ),
            (
                "agency_target",
                None,
                "Meningkatnya Produktivitas Usaha Mikro",
                None,
                [("Persentase Usaha Mikro yang Naik Kelas", "%", 3, [4, 5, 6, 7, 8])],
                None,
                [
                    (
                        "program",
                        "2.17.08",
                        "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)",
                        ("Kepala Bidang Usaha Mikro", "eselon_iii"),
                        [
                            ("Persentase Usaha Mikro yang Mendapat Pendampingan", "%", 10, [12, 14, 16, 18, 20]),
                            ("Jumlah Usaha Mikro yang Memiliki Izin Usaha", "Unit", 400, [600, 800, 1000, 1200, 1400]),
                        ],
                        "Meningkatnya Kapasitas Usaha Mikro",
                        [
                            (
                                "kegiatan",
                                "2.17.08.2.01",
                                "Pemberdayaan Usaha Mikro yang Dilakukan Melalui Pendataan, Kemitraan, Kemudahan Perizinan, Penguatan Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan",
                                ("Kepala Seksi Pemberdayaan Usaha Mikro", "eselon_iv"),
                                [("Jumlah Usaha Mikro yang Diberdayakan", "Unit", 150, [200, 250, 300, 350, 400])],
                                None,
                                [
                                    (
                                        "sub_kegiatan",
                                        "2.17.08.2.01.0001",
                                        "Fasilitasi Kemudahan Perizinan bagi Usaha Mikro",
                                        ("Analis Perizinan Usaha", "staff"),
                                        [
                                            (
                                                "Jumlah Usaha Mikro yang Difasilitasi Perizinannya",
                                                "Unit",
                                                200,
                                                [200, 200, 200, 200, 200],
                                            )
                                        ],
                                        [80 * M, 85 * M, 90 * M, 95 * M, 100 * M],
                                        [],
                                    ),
                                    (
                                        "sub_kegiatan",
                                        "2.17.08.2.01.0002",
                                        "Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro Menjadi Usaha Kecil",
                                        ("Pengawas Koperasi", "staff"),
                                        [("Jumlah Usaha Mikro yang Naik Kelas", "Unit", 20, [25, 30, 35, 40, 45])],
                                        [110 * M, 115 * M, 120 * M, 125 * M, 130 * M],
                                        [],
                                    ),
                                ],
                            )
                        ],
                    )
                ],
            ),
        ],
    ),
    (
        "agency_goal",
        None,
        "Meningkatnya Akuntabilitas Kinerja Perangkat Daerah",
        None,
        [("Nilai SAKIP Perangkat Daerah", "Nilai", 65, [67, 69, 71, 73, 75])],
        None,
        [
            (
                "agency_target",
                None,
                "Meningkatnya Kualitas Perencanaan dan Pelaporan Kinerja Dinas",
                None,
                [("Nilai Evaluasi AKIP Dinas", "Nilai", 64, [66, 68, 70, 72, 74])],
                None,
                [
                    (
                        "program",
                        "X.XX.01",
                        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                        ("Sekretaris Dinas", "eselon_iii"),
                        [("Persentase Dokumen Perencanaan dan Pelaporan Tepat Waktu", "%", 80, [85, 90, 95, 100, 100])],
                        "Meningkatnya Kualitas Tata Kelola Dinas",
                        [
                            (
                                "kegiatan",
                                "X.XX.01.2.01",
                                "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                                ("Kepala Subbagian Perencanaan dan Keuangan", "eselon_iv"),
                                [
                                    (
                                        "Jumlah Dokumen Perencanaan dan Evaluasi yang Disusun",
                                        "Dokumen",
                                        6,
                                        [6, 6, 6, 6, 6],
                                    )
                                ],
                                None,
                                [
                                    (
                                        "sub_kegiatan",
                                        "X.XX.01.2.01.0006",
                                        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
                                        ("Analis Perencanaan", "staff"),
                                        [
                                            (
                                                "Jumlah Laporan Capaian Kinerja yang Disusun",
                                                "Laporan",
                                                4,
                                                [4, 4, 4, 4, 4],
                                            )
                                        ],
                                        [45 * M, 47 * M, 49 * M, 51 * M, 53 * M],
                                        [],
                                    )
                                ],
                            )
                        ],
                    )
                ],
            )
        ],
    ),
]
#: The RPJMD sasaran each agency goal serves, as SIPD names it (kode_sasaran_rpjm).
RPJMD_SASARAN = ["rpjmd-sasaran-3-2", "rpjmd-sasaran-5-1"]
PREFIX = {"agency_goal": "tujuan", "agency_target": "sasaran", "program": "program", "kegiatan": "kegiatan"}
PREFIX["sub_kegiatan"] = "subkegiatan"


def build() -> Cascade:
    """The truth: the cascade every layout is written from."""
    positions = {"kepala-perangkat-daerah": Position(id="kepala-perangkat-daerah", name=HEAD, tier="kepala_dinas")}
    elements: list[Element] = []
    indicators: list[Indicator] = []
    numbers = defaultdict(int)

    def visit(box: tuple, parent: str | None) -> None:
        kind, code, name, responsible, inds, extra, children = box
        numbers[kind] += 1
        element_id = f"{PREFIX[kind]}-{code or numbers[kind]}"
        owner = "kepala-perangkat-daerah"
        if responsible:
            owner = slug(responsible[0])
            positions.setdefault(owner, Position(id=owner, name=responsible[0], tier=responsible[1]))
        budget = {}
        if kind == "sub_kegiatan":
            budget = dict(zip(YEARS, extra, strict=True))
        elif kind in ("program", "kegiatan"):
            budget = {y: _sum_of(box, i) for i, y in enumerate(YEARS)}
        serves = None
        if kind == "agency_goal":
            serves = f"{RPJMD}:sasaran-rpjmd-{RPJMD_SASARAN[numbers[kind] - 1]}"
        elements.append(
            Element(
                id=element_id,
                kind=kind,
                name=name,
                code=code,
                parent=parent,
                external_parent=serves,
                owner=owner,
                budget=budget,
                note=extra if kind == "program" else None,
            )
        )
        for k, (ind_name, unit, baseline, targets) in enumerate(inds, 1):
            indicators.append(
                Indicator(
                    id=f"ik-{element_id}-{k}",
                    name=ind_name,
                    measures=element_id,
                    unit=unit,
                    baseline=baseline,
                    targets=dict(zip(YEARS, targets, strict=True)),
                )
            )
        for child in children:
            visit(child, element_id)

    for goal in PLAN:
        visit(goal, None)
    return Cascade(
        id=CASCADE_ID,
        agency=AGENCY,
        region=REGION,
        period="2025-2029",
        positions=list(positions.values()),
        elements=elements,
        indicators=indicators,
    )


def _sum_of(box: tuple, year: int) -> float:
    kind, _, _, _, _, extra, children = box
    return extra[year] if kind == "sub_kegiatan" else sum(_sum_of(c, year) for c in children)


# -- walking the truth ----------------------------------------------------------------------------


class Tree:
    """The truth as the writers walk it: children, indicators, owners by element."""

    def __init__(self, cascade: Cascade) -> None:
        self.cascade = cascade
        self.children: dict[str | None, list[Element]] = defaultdict(list)
        for e in cascade.elements:
            self.children[e.parent].append(e)
        self.indicators: dict[str, list[Indicator]] = defaultdict(list)
        for i in cascade.indicators:
            self.indicators[i.measures or ""].append(i)
        self.positions = {p.id: p for p in cascade.positions}

    def walk(self, parent: str | None = None) -> Iterator[Element]:
        for element in self.children[parent]:
            yield element
            yield from self.walk(element.id)

    def owner(self, element: Element) -> str | None:
        """The responsible position a sheet names (the agency's head is not written per box)."""
        if element.owner is None or element.owner == "kepala-perangkat-daerah":
            return None
        return self.positions[element.owner].name

    def span(self, element: Element) -> int:
        """Rows the element takes in the matrix: one per own indicator, or what hangs from it."""
        below = sum(self.span(c) for c in self.children[element.id])
        return max(below, len(self.indicators[element.id]), 1)


def _style_header(sheet: Worksheet, rows: range, width: int) -> None:
    for r in rows:
        for c in range(1, width + 1):
            cell = sheet.cell(r, c)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _title(sheet: Worksheet, lines: list[str], width: int) -> int:
    for r, line in enumerate(lines, 1):
        sheet.cell(r, 1, line).font = Font(bold=True)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    return len(lines) + 2


# -- (a) the Renstra table ------------------------------------------------------------------------


def renstra_table(tree: Tree, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "T-C.27"
    fixed = ["No", "Tujuan", "Sasaran", "Kode", "Program, Kegiatan dan Sub Kegiatan"]
    fixed += ["Indikator Kinerja Tujuan, Sasaran, Program (Outcome) dan Kegiatan (Output)", "Satuan"]
    fixed += ["Data Capaian pada Tahun Awal Perencanaan"]
    width = len(fixed) + 2 * len(YEARS) + 2 + 2
    top = _title(
        sheet,
        [
            "LAMPIRAN II PERATURAN BUPATI TAKALAR NOMOR 12 TAHUN 2025",
            "TABEL T-C.27",
            "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN",
            "DINAS KOPERASI DAN UKM",
            "PEMERINTAH KABUPATEN TAKALAR",
            "TAHUN 2025-2029",
        ],
        width,
    )
    for c, text in enumerate(fixed, 1):
        sheet.cell(top, c, text)
        sheet.merge_cells(start_row=top, start_column=c, end_row=top + 2, end_column=c)
    first_year = len(fixed) + 1
    sheet.cell(top, first_year, "Target Kinerja Program dan Kerangka Pendanaan")
    sheet.merge_cells(start_row=top, start_column=first_year, end_row=top, end_column=first_year + 2 * len(YEARS) - 1)
    for k, year in enumerate(YEARS):
        c = first_year + 2 * k
        sheet.cell(top + 1, c, year)
        sheet.merge_cells(start_row=top + 1, start_column=c, end_row=top + 1, end_column=c + 1)
        sheet.cell(top + 2, c, "Target")
        sheet.cell(top + 2, c + 1, "Pagu Indikatif (Rp)")
    end = first_year + 2 * len(YEARS)
    sheet.cell(top, end, "Kondisi Kinerja pada Akhir Periode Renstra Perangkat Daerah")
    sheet.merge_cells(start_row=top, start_column=end, end_row=top + 1, end_column=end + 1)
    sheet.cell(top + 2, end, "Target")
    sheet.cell(top + 2, end + 1, "Rp")
    for c, text in ((end + 2, "Unit Kerja Perangkat Daerah Penanggung Jawab"), (end + 3, "Lokasi")):
        sheet.cell(top, c, text)
        sheet.merge_cells(start_row=top, start_column=c, end_row=top + 2, end_column=c)
    _style_header(sheet, range(top, top + 3), width)
    for c in range(1, width + 1):
        sheet.cell(top + 3, c, f"({c})")
    r = top + 4
    number = 0
    for goal in tree.children[None]:
        goal_start = r
        for target in [goal, *tree.children[goal.id]]:
            target_start = r
            for element in [target] if target is goal else [target, *tree.walk(target.id)]:
                rows = tree.indicators[element.id] or [None]
                for k, ind in enumerate(rows):
                    if element.kind in (ElementKind.program, ElementKind.kegiatan, ElementKind.sub_kegiatan) and k == 0:
                        number += 1
                        sheet.cell(r, 1, number)
                        sheet.cell(r, 4, element.code)
                        sheet.cell(r, 5, element.name)
                        for y, year in enumerate(YEARS):
                            if year in element.budget:
                                sheet.cell(r, first_year + 2 * y + 1, element.budget[year])
                        sheet.cell(r, end + 2, tree.owner(element))
                        sheet.cell(r, end + 3, "Kabupaten Takalar")
                    if ind is not None:
                        sheet.cell(r, 6, ind.name)
                        sheet.cell(r, 7, ind.unit)
                        sheet.cell(r, 8, ind.baseline.value if ind.baseline else None)
                        for y, year in enumerate(YEARS):
                            sheet.cell(r, first_year + 2 * y, ind.targets[year].value)
                        sheet.cell(r, end, ind.targets[YEARS[-1]].value)
                    if element.kind is ElementKind.agency_goal and k == 0:
                        sheet.cell(r, 2, element.name)
                    if element.kind is ElementKind.agency_target and k == 0:
                        sheet.cell(r, 3, element.name)
                    r += 1
            if target is not goal and r - 1 > target_start:
                sheet.merge_cells(start_row=target_start, start_column=3, end_row=r - 1, end_column=3)
        if r - 1 > goal_start:
            sheet.merge_cells(start_row=goal_start, start_column=2, end_row=r - 1, end_column=2)
    sheet.cell(r, 1, "JUMLAH")
    sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=first_year - 1)
    programs = [e for e in tree.walk() if e.kind is ElementKind.program]
    for y, year in enumerate(YEARS):
        sheet.cell(r, first_year + 2 * y + 1, sum(p.budget[year] for p in programs))
    for c in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 14
    book.save(path)


# -- (b) the cascading matrix ---------------------------------------------------------------------

MATRIX_LEVELS = [
    (ElementKind.agency_goal, ["Tujuan", "Indikator Tujuan"]),
    (ElementKind.agency_target, ["Sasaran", "Indikator Sasaran"]),
    (ElementKind.program, ["Kode", "Program", "Sasaran Program", "Indikator Program", "PJ Program"]),
    (ElementKind.kegiatan, ["Kode", "Kegiatan", "Indikator Kegiatan", "PJ Kegiatan"]),
    (ElementKind.sub_kegiatan, ["Kode", "Sub Kegiatan", "Indikator Sub Kegiatan", "PJ Sub Kegiatan"]),
]


def cascading_matrix(tree: Tree, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Cascading"
    headers = [h for _, group in MATRIX_LEVELS for h in group]
    headers += ["Satuan", "Kondisi Awal", *(f"Target {y}" for y in YEARS), *(f"Pagu {y}" for y in YEARS), "Keterangan"]
    top = _title(
        sheet, ["MATRIKS CASCADING KINERJA", "DINAS KOPERASI DAN UKM KABUPATEN TAKALAR", "PERIODE 2025-2029"], 8
    )
    for c, text in enumerate(headers, 1):
        sheet.cell(top, c, text)
    _style_header(sheet, range(top, top + 1), len(headers))
    offsets, c = {}, 1
    for kind, group in MATRIX_LEVELS:
        offsets[kind] = c
        c += len(group)
    figures = c

    def place(element: Element, r: int) -> None:
        span = tree.span(element)
        group = dict(MATRIX_LEVELS)[element.kind]
        cells = {
            "Kode": element.code,
            "Sasaran Program": element.note,
            "Indikator": None,
        }
        for k, header in enumerate(group):
            c = offsets[element.kind] + k
            if header.startswith("Indikator"):
                for n, ind in enumerate(tree.indicators[element.id]):
                    sheet.cell(r + n, c, ind.name)
                    if element.kind is ElementKind.sub_kegiatan:
                        sheet.cell(r + n, figures, ind.unit)
                        sheet.cell(r + n, figures + 1, ind.baseline.value if ind.baseline else None)
                        for y, year in enumerate(YEARS):
                            sheet.cell(r + n, figures + 2 + y, ind.targets[year].value)
                continue
            value = cells.get(header, tree.owner(element) if header.startswith("PJ") else element.name)
            sheet.cell(r, c, value)
            if span > 1:
                sheet.merge_cells(start_row=r, start_column=c, end_row=r + span - 1, end_column=c)
        if element.kind is ElementKind.sub_kegiatan:
            for y, year in enumerate(YEARS):
                sheet.cell(r, figures + 2 + len(YEARS) + y, element.budget[year])
        row = r
        for child in tree.children[element.id]:
            place(child, row)
            row += tree.span(child)

    r = top + 1
    for goal in tree.children[None]:
        place(goal, r)
        r += tree.span(goal)
    for c in range(1, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 16
    book.save(path)


# -- (c) blocks -----------------------------------------------------------------------------------

BLOCK_WORD = {
    ElementKind.agency_goal: "Tujuan",
    ElementKind.agency_target: "Sasaran",
    ElementKind.program: "Program",
    ElementKind.kegiatan: "Kegiatan",
    ElementKind.sub_kegiatan: "Sub Kegiatan",
}


def blocks(tree: Tree, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Cascading Kinerja"
    headers = ["No", "Uraian", "Indikator Kinerja", "Satuan", "Kondisi Awal"]
    headers += [*(f"Target {y}" for y in YEARS), *(f"Pagu {y} (Rp)" for y in YEARS), "Penanggung Jawab"]
    top = _title(
        sheet,
        ["PEMERINTAH KABUPATEN TAKALAR", "DINAS KOPERASI DAN UKM", "CASCADING KINERJA TAHUN 2025-2029"],
        len(headers),
    )
    for c, text in enumerate(headers, 1):
        sheet.cell(top, c, text)
    _style_header(sheet, range(top, top + 1), len(headers))
    r = top + 1
    for n, element in enumerate(tree.walk(), 1):
        label = f"{BLOCK_WORD[element.kind]}: " + (f"{element.code} " if element.code else "") + element.name
        sheet.cell(r, 1, n)
        sheet.cell(r, 2, label)
        for y, year in enumerate(YEARS):
            if year in element.budget:
                sheet.cell(r, 6 + len(YEARS) + y, element.budget[year])
        sheet.cell(r, len(headers), tree.owner(element))
        for k, ind in enumerate(tree.indicators[element.id]):
            sheet.cell(r + k, 3, ind.name)
            sheet.cell(r + k, 4, ind.unit)
            sheet.cell(r + k, 5, ind.baseline.value if ind.baseline else None)
            for y, year in enumerate(YEARS):
                sheet.cell(r + k, 6 + y, ind.targets[year].value)
        r += max(1, len(tree.indicators[element.id]))
    sheet.cell(r, 1, "TOTAL")
    sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5 + len(YEARS))
    programs = [e for e in tree.walk() if e.kind is ElementKind.program]
    for y, year in enumerate(YEARS):
        sheet.cell(r, 6 + len(YEARS) + y, sum(p.budget[year] for p in programs))
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 50
    book.save(path)


# -- (d) SIPD RI lists ----------------------------------------------------------------------------

SIPD_LIST = {
    ElementKind.agency_goal: "renstra_tujuan",
    ElementKind.agency_target: "renstra_sasaran",
    ElementKind.program: "renstra_program",
    ElementKind.kegiatan: "renstra_giat",
    ElementKind.sub_kegiatan: "renstra_sub_giat",
}
SIPD_NAME = {
    ElementKind.agency_goal: "tujuan_teks",
    ElementKind.agency_target: "sasaran_teks",
    ElementKind.program: "nama_program",
    ElementKind.kegiatan: "nama_giat",
    ElementKind.sub_kegiatan: "nama_sub_giat",
}
SIPD_CODE = {ElementKind.program: "kode_program", ElementKind.kegiatan: "kode_giat"}
SIPD_CODE[ElementKind.sub_kegiatan] = "kode_sub_giat"


def _unik(*parts: object) -> str:
    """An id_unik as SIPD writes them: opaque, the same for the same element."""
    digest = hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}"


def sipd(tree: Tree, path: Path) -> None:
    lists: dict[str, list[dict[str, object]]] = {name: [] for name in SIPD_LIST.values()}
    unik: dict[str, str] = {}
    ancestors: dict[str, dict[ElementKind, str]] = {}
    goal_number = 0
    for element in tree.walk():
        unik[element.id] = _unik(CASCADE_ID, element.id)
        above = dict(ancestors.get(element.parent or "", {}))
        ancestors[element.id] = {**above, element.kind: unik[element.id]}
        row: dict[str, object] = {
            "id_unik": unik[element.id],
            "id_unik_indikator": None,
            "id_unit": 1842,
            "kode_skpd": "2.17.0.00.0.00.01.0000",
            "nama_skpd": AGENCY,
            "id_bidang_urusan": 217,
            "kode_bidang_urusan": "2.17",
            "nama_bidang_urusan": "URUSAN PEMERINTAHAN BIDANG KOPERASI, USAHA KECIL, DAN MENENGAH",
            "is_locked": 1,
            "status": "1",
            "tahun_awal": YEARS[0],
            "tahun_akhir": YEARS[-1],
            SIPD_NAME[element.kind]: element.name,
        }
        if element.kind is ElementKind.agency_goal:
            goal_number += 1
            row["urut_tujuan"] = goal_number
            row["kode_sasaran_rpjm"] = RPJMD_SASARAN[goal_number - 1]
        else:
            row["kode_tujuan"] = above[ElementKind.agency_goal]
        if element.kind not in (ElementKind.agency_goal, ElementKind.agency_target):
            row["kode_sasaran"] = above[ElementKind.agency_target]
            row["id_visi"], row["id_misi"] = 3, 9
            row[SIPD_CODE[element.kind]] = element.code
            for k, year in enumerate(YEARS, 1):
                row[f"pagu_{k}"] = element.budget[year]
            row["pagu_akhir"] = element.budget[YEARS[-1]]
        if element.kind is ElementKind.kegiatan:
            row["kode_program"] = row["kode_unik_program"] = above[ElementKind.program]
        if element.kind is ElementKind.sub_kegiatan:
            row["kode_program"] = above[ElementKind.program]
            row["kode_kegiatan"] = above[ElementKind.kegiatan]
        lists[SIPD_LIST[element.kind]].append(row)
        text_field = (
            "indikator_teks" if element.kind in (ElementKind.agency_goal, ElementKind.agency_target) else "indikator"
        )
        for k, ind in enumerate(tree.indicators[element.id], 1):
            indicator_row = dict(row)
            indicator_row.update(
                {
                    "id_unik_indikator": _unik(CASCADE_ID, ind.id),
                    "is_locked_indikator": 1,
                    text_field: ind.name,
                    "satuan": ind.unit,
                    "target_awal": _sipd_number(ind.baseline.value if ind.baseline else None),
                    **{f"target_{n}": _sipd_number(ind.targets[year].value) for n, year in enumerate(YEARS, 1)},
                    "target_akhir": _sipd_number(ind.targets[YEARS[-1]].value),
                    "urut_indikator": k,
                }
            )
            lists[SIPD_LIST[element.kind]].append(indicator_row)
    answer = {name: {"data": rows} if name == "renstra_tujuan" else rows for name, rows in lists.items()}
    path.write_text(json.dumps(answer, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _sipd_number(value: float | None) -> str | None:
    """SIPD keeps targets as text, with a decimal comma."""
    if value is None:
        return None
    return str(int(value)) if value == int(value) else str(value).replace(".", ",")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    truth = out / "kabupaten-takalar-koperasi.yaml"
    comment = (
        "The truth the layout examples of this folder are written from (scripts/make_layout_examples.py):\n"
        "importing any of them must give this cascade, as far as the layout carries it."
    )
    truth.write_text(dump_cascade(build(), comment), encoding="utf-8")
    tree = Tree(read_cascade(truth))
    renstra_table(tree, out / "renstra-table.xlsx")
    cascading_matrix(tree, out / "cascading-matrix.xlsx")
    blocks(tree, out / "blocks.xlsx")
    sipd(tree, out / "sipd-renstra.json")
    for path in sorted(out.iterdir()):
        print(f"wrote {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data/examples/layouts")
