#!/usr/bin/env python3
"""Write the example planning files of data/examples/ from one plan, the way planners' files look.

One plan, two agencies of Kota Makassar (Dinas Koperasi dan UKM, Dinas Perdagangan) serving the
same two RPJMD goals, five years (2025-2029) of targets and budgets, written as:

- renstra-makassar-2025-2029.xlsx: the Renstra table "Rencana Program, Kegiatan dan Pendanaan"
  (Permendagri 86/2017), one sheet per agency, with title rows, merged cells (tujuan and sasaran
  spanning their rows, a three-row header with "Tahun 2025" over "Target | Rp"), a row of column
  numbers, and the two sheets worded differently (one official, one in capitals with "PAGU 2025");
- renstra-makassar-2025-2029-tables/: the same plan as a planning database exports it, one CSV
  per table (opd, tujuan, sasaran, program, kegiatan, sub_kegiatan, indikator_<level>);
- renstra-makassar-2025-2029.sql: the same tables as a MySQL dump (CREATE TABLE + INSERT);
- renstra-makassar-2025-2029-v2.xlsx: a revised plan (Renstra perubahan) with one indicator
  added, one removed, one renamed, one program moved under another sasaran, targets changed;
- renstra-rusak.xlsx: a broken sheet (a code with 4 parts, a code with a letter O, a kegiatan
  whose program is missing, text in a target column) that an import must refuse, row by row;
- matrix-koperasi-2025.csv: the cascading matrix layout (a column per level, indicator manual
  fields, realisations per year and per quarter).

Run: .venv/bin/python scripts/make_renstra_examples.py [OUT_DIR]   (default data/examples)
The output is deterministic: the same plan gives the same files (XLSX timestamps aside).
"""

from __future__ import annotations

import copy
import csv
import itertools
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

YEARS = [2025, 2026, 2027, 2028, 2029]
REGION = "KOTA MAKASSAR"

# An indicator: (name, unit, baseline, [target per year], polarity)
GOALS = [
    {
        "code": "1",
        "name": "Meningkatnya Daya Beli Masyarakat",
        "indicators": [("Pendapatan Perkapita", "Juta Rupiah", 98.2, [101.5, 105.0, 108.7, 112.5, 116.4], "positif")],
    },
    {
        "code": "2",
        "name": "Tersedianya Kemudahan Akses Peluang Kerja dan Peluang Bisnis Baru",
        "indicators": [("Tingkat Pengangguran Terbuka", "%", 11.9, [11.2, 10.6, 10.0, 9.5, 9.0], "negatif")],
    },
]


def sub(code, name, indicator, unit, base, targets, budget, pj="Bidang Koperasi"):
    return {
        "code": code,
        "name": name,
        "indicators": [(indicator, unit, base, targets, "positif")],
        "budget": budget,
        "responsible": pj,
    }


def _sum_budgets(children):
    return [sum(c["budget"][i] for c in children) for i in range(len(YEARS))]


def kegiatan(code, name, indicator, unit, base, targets, subs, pj):
    return {
        "code": code,
        "name": name,
        "indicators": [(indicator, unit, base, targets, "positif")],
        "children": subs,
        "budget": _sum_budgets(subs),
        "responsible": pj,
    }


def program(code, name, indicators, kegiatans, pj):
    return {
        "code": code,
        "name": name,
        "indicators": indicators,
        "children": kegiatans,
        "budget": _sum_budgets(kegiatans),
        "responsible": pj,
    }


M = 1_000_000
KOPERASI = {
    "agency": "DINAS KOPERASI DAN UKM",
    "sasaran": [
        {
            "goal": "1",
            "name": "Meningkatnya Lembaga Koperasi yang Sehat",
            "indicators": [("Persentase Koperasi Sehat", "%", 41.0, [44.0, 47.0, 50.0, 53.0, 56.0], "positif")],
            "programs": [
                program(
                    "2.17.03",
                    "Program Pengawasan dan Pemeriksaan Koperasi",
                    [
                        (
                            "Persentase Koperasi yang Diperiksa dan Diawasi",
                            "%",
                            20.0,
                            [25.0, 30.0, 35.0, 40.0, 45.0],
                            "positif",
                        )
                    ],
                    [
                        kegiatan(
                            "2.17.03.2.01",
                            "Pemeriksaan dan Pengawasan Koperasi, Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi yang Wilayah Keanggotaannya dalam Daerah Kabupaten/Kota",
                            "Jumlah Koperasi yang Diawasi dan Diperiksa",
                            "Koperasi",
                            80,
                            [100, 120, 140, 160, 180],
                            [
                                sub(
                                    "2.17.03.2.01.0001",
                                    "Pemeriksaan Kepatuhan Koperasi terhadap Peraturan Perundang-Undangan",
                                    "Jumlah Koperasi yang Memenuhi Peraturan Perundang-Undangan",
                                    "Koperasi",
                                    40,
                                    [50, 60, 70, 80, 90],
                                    [350 * M, 375 * M, 400 * M, 425 * M, 450 * M],
                                    "Bidang Pengawasan Koperasi",
                                ),
                                sub(
                                    "2.17.03.2.01.0002",
                                    "Pengawasan Kekuatan, Kesehatan, Kemandirian, Ketangguhan, serta Akuntabilitas Koperasi",
                                    "Jumlah Koperasi yang Telah Dilakukan Pengawasan",
                                    "Koperasi",
                                    40,
                                    [50, 60, 70, 80, 90],
                                    [300 * M, 320 * M, 340 * M, 360 * M, 380 * M],
                                    "Bidang Pengawasan Koperasi",
                                ),
                            ],
                            "Bidang Pengawasan Koperasi",
                        )
                    ],
                    "Bidang Pengawasan Koperasi",
                ),
                program(
                    "2.17.04",
                    "Program Penilaian Kesehatan KSP/USP Koperasi",
                    [
                        (
                            "Persentase Koperasi Simpan Pinjam yang Sehat",
                            "%",
                            35.0,
                            [38.0, 41.0, 44.0, 47.0, 50.0],
                            "positif",
                        )
                    ],
                    [
                        kegiatan(
                            "2.17.04.2.01",
                            "Penilaian Kesehatan Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi yang Wilayah Keanggotaannya dalam 1 (satu) Daerah Kabupaten/Kota",
                            "Jumlah KSP/USP yang Dinilai Kesehatannya",
                            "Unit Usaha",
                            60,
                            [70, 80, 90, 100, 110],
                            [
                                sub(
                                    "2.17.04.2.01.0001",
                                    "Pelaksanaan Penilaian Kesehatan KSP/USP Koperasi",
                                    "Unit Usaha Koperasi yang Telah Dilakukan Penilaian Kesehatan",
                                    "Unit Usaha",
                                    60,
                                    [70, 80, 90, 100, 110],
                                    [250 * M, 260 * M, 270 * M, 280 * M, 290 * M],
                                    "Bidang Kelembagaan Koperasi",
                                ),
                                sub(
                                    "2.17.04.2.01.0002",
                                    "Penghargaan Kesehatan KSP/USP Koperasi",
                                    "Koperasi yang Mendapatkan Penghargaan Kesehatan",
                                    "Koperasi",
                                    5,
                                    [6, 7, 8, 9, 10],
                                    [75 * M, 80 * M, 85 * M, 90 * M, 95 * M],
                                    "Bidang Kelembagaan Koperasi",
                                ),
                            ],
                            "Bidang Kelembagaan Koperasi",
                        )
                    ],
                    "Bidang Kelembagaan Koperasi",
                ),
                program(
                    "2.17.05",
                    "Program Pendidikan dan Latihan Perkoperasian",
                    [
                        (
                            "Persentase SDM Koperasi yang Mendapat Pendidikan dan Pelatihan",
                            "%",
                            10.0,
                            [12.0, 14.0, 16.0, 18.0, 20.0],
                            "positif",
                        )
                    ],
                    [
                        kegiatan(
                            "2.17.05.2.01",
                            "Pendidikan dan Latihan Perkoperasian Bagi Koperasi yang Wilayah Keanggotaan dalam Daerah Kabupaten/Kota",
                            "Jumlah Pengurus dan Pengelola yang Terfasilitasi Pendidikan dan Pelatihan",
                            "Orang",
                            150,
                            [200, 250, 300, 350, 400],
                            [
                                sub(
                                    "2.17.05.2.01.0001",
                                    "Peningkatan Pemahaman dan Pengetahuan Perkoperasian serta Kapasitas dan Kompetensi SDM Koperasi",
                                    "Jumlah SDM yang Memahami Pengetahuan Perkoperasian",
                                    "Orang",
                                    150,
                                    [200, 250, 300, 350, 400],
                                    [420 * M, 440 * M, 460 * M, 480 * M, 500 * M],
                                    "Bidang Kelembagaan Koperasi",
                                )
                            ],
                            "Bidang Kelembagaan Koperasi",
                        )
                    ],
                    "Bidang Kelembagaan Koperasi",
                ),
            ],
        },
        {
            "goal": "2",
            "name": "Meningkatnya Usaha Mikro yang Berkualitas",
            "indicators": [
                ("Persentase Usaha Mikro yang Naik Kelas", "%", 2.0, [2.5, 3.0, 3.5, 4.0, 4.5], "positif"),
                ("Jumlah Wirausaha Baru", "Orang", 500, [600, 700, 800, 900, 1000], "positif"),
            ],
            "programs": [
                program(
                    "2.17.07",
                    "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)",
                    [
                        (
                            "Persentase UMKM Binaan yang Meningkat Omsetnya",
                            "%",
                            15.0,
                            [18.0, 21.0, 24.0, 27.0, 30.0],
                            "positif",
                        )
                    ],
                    [
                        kegiatan(
                            "2.17.07.2.01",
                            "Pemberdayaan Usaha Mikro yang Dilakukan melalui Pendataan, Kemitraan, Kemudahan Perizinan, Penguatan Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan",
                            "Jumlah Usaha Mikro yang Diberdayakan",
                            "Unit Usaha",
                            400,
                            [500, 600, 700, 800, 900],
                            [
                                sub(
                                    "2.17.07.2.01.0001",
                                    "Pendataan Potensi dan Pengembangan Usaha Mikro",
                                    "Jumlah Dokumen Data Potensi Usaha Mikro",
                                    "Dokumen",
                                    1,
                                    [1, 1, 1, 1, 1],
                                    [150 * M, 150 * M, 160 * M, 160 * M, 170 * M],
                                    "Bidang Usaha Mikro",
                                ),
                                sub(
                                    "2.17.07.2.01.0002",
                                    "Pemberdayaan melalui Kemitraan Usaha Mikro",
                                    "Unit Usaha yang Telah Melaksanakan Kemitraan Usaha Mikro",
                                    "Unit Usaha",
                                    100,
                                    [120, 140, 160, 180, 200],
                                    [200 * M, 210 * M, 220 * M, 230 * M, 240 * M],
                                    "Bidang Usaha Mikro",
                                ),
                                sub(
                                    "2.17.07.2.01.0003",
                                    "Fasilitasi Kemudahan Perizinan Usaha Mikro",
                                    "Jumlah Usaha Mikro yang Mendapatkan Fasilitasi Kemudahan Perizinan",
                                    "Unit Usaha",
                                    300,
                                    [380, 460, 540, 620, 700],
                                    [180 * M, 190 * M, 200 * M, 210 * M, 220 * M],
                                    "Bidang Usaha Mikro",
                                ),
                            ],
                            "Bidang Usaha Mikro",
                        )
                    ],
                    "Bidang Usaha Mikro",
                ),
                program(
                    "2.17.08",
                    "Program Pengembangan UMKM",
                    [
                        (
                            "Jumlah Usaha Mikro yang Berkembang Menjadi Usaha Kecil",
                            "Unit Usaha",
                            20,
                            [25, 30, 35, 40, 45],
                            "positif",
                        )
                    ],
                    [
                        kegiatan(
                            "2.17.08.2.01",
                            "Pengembangan Usaha Mikro dengan Orientasi Peningkatan Skala Usaha Menjadi Usaha Kecil",
                            "Jumlah Usaha Mikro yang Difasilitasi Naik Skala",
                            "Unit Usaha",
                            50,
                            [60, 70, 80, 90, 100],
                            [
                                sub(
                                    "2.17.08.2.01.0001",
                                    "Fasilitasi Usaha Mikro Menjadi Usaha Kecil dalam Pengembangan Produksi dan Pengolahan, Pemasaran, SDM, serta Desain dan Teknologi",
                                    "Unit Usaha Mikro yang Telah Terfasilitasi",
                                    "Unit Usaha",
                                    50,
                                    [60, 70, 80, 90, 100],
                                    [500 * M, 525 * M, 550 * M, 575 * M, 600 * M],
                                    "Bidang Usaha Kecil",
                                )
                            ],
                            "Bidang Usaha Kecil",
                        )
                    ],
                    "Bidang Usaha Kecil",
                ),
            ],
        },
    ],
}

PERDAGANGAN = {
    "agency": "DINAS PERDAGANGAN",
    "sasaran": [
        {
            "goal": "1",
            "name": "Terjaganya Stabilitas Harga Barang Kebutuhan Pokok",
            "indicators": [
                ("Koefisien Variasi Harga Barang Kebutuhan Pokok", "%", 9.0, [8.5, 8.0, 7.5, 7.0, 6.5], "negatif")
            ],
            "programs": [
                program(
                    "3.30.04",
                    "Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting",
                    [
                        (
                            "Persentase Komoditas Pokok dengan Harga Stabil",
                            "%",
                            70.0,
                            [72.0, 74.0, 76.0, 78.0, 80.0],
                            "positif",
                        )
                    ],
                    [
                        kegiatan(
                            "3.30.04.2.01",
                            "Menjamin Ketersediaan, Keterjangkauan, dan Kestabilan Harga Barang Kebutuhan Pokok dan Barang Penting di Tingkat Daerah Kabupaten/Kota",
                            "Jumlah Pasar yang Dipantau Harganya",
                            "Pasar",
                            18,
                            [18, 18, 18, 18, 18],
                            [
                                sub(
                                    "3.30.04.2.01.0001",
                                    "Koordinasi dan Sinkronisasi Pemantauan Harga dan Stok Barang Kebutuhan Pokok dan Barang Penting",
                                    "Jumlah Laporan Pemantauan Harga dan Stok",
                                    "Laporan",
                                    12,
                                    [12, 12, 12, 12, 12],
                                    [120 * M, 125 * M, 130 * M, 135 * M, 140 * M],
                                    "Bidang Stabilisasi Harga",
                                ),
                                sub(
                                    "3.30.04.2.01.0002",
                                    "Pelaksanaan Operasi Pasar dan Pasar Murah",
                                    "Jumlah Operasi Pasar yang Dilaksanakan",
                                    "Kali",
                                    10,
                                    [12, 12, 14, 14, 16],
                                    [400 * M, 420 * M, 440 * M, 460 * M, 480 * M],
                                    "Bidang Stabilisasi Harga",
                                ),
                            ],
                            "Bidang Stabilisasi Harga",
                        )
                    ],
                    "Bidang Stabilisasi Harga",
                ),
                program(
                    "3.30.06",
                    "Program Standardisasi dan Perlindungan Konsumen",
                    [("Persentase Alat Ukur yang Ditera Ulang", "%", 60.0, [65.0, 70.0, 75.0, 80.0, 85.0], "positif")],
                    [
                        kegiatan(
                            "3.30.06.2.01",
                            "Pelaksanaan Metrologi Legal, berupa Tera, Tera Ulang dan Pengawasan",
                            "Jumlah Alat Ukur yang Ditera dan Ditera Ulang",
                            "Unit",
                            8000,
                            [8500, 9000, 9500, 10000, 10500],
                            [
                                sub(
                                    "3.30.06.2.01.0001",
                                    "Pelaksanaan Tera/Tera Ulang Alat Ukur, Takar, Timbang dan Perlengkapannya (UTTP)",
                                    "Jumlah UTTP yang Ditera Ulang",
                                    "Unit",
                                    8000,
                                    [8500, 9000, 9500, 10000, 10500],
                                    [310 * M, 320 * M, 330 * M, 340 * M, 350 * M],
                                    "UPT Metrologi Legal",
                                ),
                                sub(
                                    "3.30.06.2.01.0002",
                                    "Pengawasan Kemetrologian",
                                    "Jumlah Pengawasan UTTP dan Barang Dalam Keadaan Terbungkus",
                                    "Kali",
                                    24,
                                    [24, 24, 24, 24, 24],
                                    [90 * M, 95 * M, 100 * M, 105 * M, 110 * M],
                                    "UPT Metrologi Legal",
                                ),
                            ],
                            "UPT Metrologi Legal",
                        )
                    ],
                    "UPT Metrologi Legal",
                ),
            ],
        },
        {
            "goal": "2",
            "name": "Meningkatnya Kualitas Sarana Distribusi Perdagangan",
            "indicators": [
                ("Persentase Pasar Rakyat dalam Kondisi Baik", "%", 55.0, [60.0, 65.0, 70.0, 75.0, 80.0], "positif")
            ],
            "programs": [
                program(
                    "3.30.03",
                    "Program Peningkatan Sarana Distribusi Perdagangan",
                    [("Jumlah Pasar Rakyat yang Direvitalisasi", "Pasar", 2, [3, 3, 4, 4, 5], "positif")],
                    [
                        kegiatan(
                            "3.30.03.2.01",
                            "Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan",
                            "Jumlah Sarana Distribusi Perdagangan yang Dikelola",
                            "Unit",
                            18,
                            [18, 19, 20, 21, 22],
                            [
                                sub(
                                    "3.30.03.2.01.0001",
                                    "Pembangunan Pasar Rakyat yang Pengelolaannya dalam Jaringan",
                                    "Jumlah Pasar Rakyat yang Dibangun",
                                    "Unit",
                                    0,
                                    [1, 1, 1, 1, 1],
                                    [2500 * M, 2600 * M, 2700 * M, 2800 * M, 2900 * M],
                                    "Bidang Sarana Perdagangan",
                                ),
                                sub(
                                    "3.30.03.2.01.0002",
                                    "Revitalisasi Pasar Rakyat",
                                    "Jumlah Pasar Rakyat yang Direvitalisasi",
                                    "Unit",
                                    2,
                                    [2, 2, 3, 3, 4],
                                    [1500 * M, 1600 * M, 1700 * M, 1800 * M, 1900 * M],
                                    "Bidang Sarana Perdagangan",
                                ),
                            ],
                            "Bidang Sarana Perdagangan",
                        )
                    ],
                    "Bidang Sarana Perdagangan",
                ),
            ],
        },
    ],
}
PLAN = [KOPERASI, PERDAGANGAN]


# -- the Renstra table (XLSX) ---------------------------------------------------------------------

OFFICIAL = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "code": "Kode",
    "name": "Program, Kegiatan dan Sub Kegiatan",
    "indicator": "Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)",
    "unit": "Satuan",
    "baseline": "Data Capaian pada Tahun Awal Perencanaan",
    "polarity": "Polaritas",
    "responsible": "Unit Kerja Perangkat Daerah Penanggung Jawab",
    "location": "Lokasi",
}
CAPITALS = {
    "tujuan": "TUJUAN",
    "sasaran": "SASARAN STRATEGIS",
    "code": "KODE",
    "name": "URAIAN PROGRAM/KEGIATAN/SUB KEGIATAN",
    "indicator": "INDIKATOR KINERJA",
    "unit": "SATUAN",
    "baseline": "KONDISI KINERJA AWAL",
    "polarity": "SIFAT INDIKATOR",
    "responsible": "PENANGGUNG JAWAB",
    "location": "LOKASI",
}


def rows_of(agency: dict) -> list[dict]:
    """One row per indicator, in the table's reading order (each node's first row states it)."""
    rows = []

    def emit(level, node, goal=None, sasaran=None):
        for k, ind in enumerate(node["indicators"]):
            rows.append(
                {"level": level, "node": node, "first": k == 0, "indicator": ind, "goal": goal, "sasaran": sasaran}
            )

    for sasaran in agency["sasaran"]:
        goal = next(g for g in GOALS if g["code"] == sasaran["goal"])
        if not any(r["goal"] is goal for r in rows):
            emit("tujuan", goal, goal=goal)
        emit("sasaran", sasaran, goal=goal, sasaran=sasaran)
        for prog in sasaran["programs"]:
            emit("program", prog, goal=goal, sasaran=sasaran)
            for keg in prog["children"]:
                emit("kegiatan", keg, goal=goal, sasaran=sasaran)
                for sub_ in keg["children"]:
                    emit("sub", sub_, goal=goal, sasaran=sasaran)
    return rows


def write_renstra_sheet(book: Workbook, agency: dict, words: dict, title: str, official: bool) -> None:
    sheet = book.create_sheet(title)
    titles = (
        ["TABEL T-C.27", "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN", f"{agency['agency']} {REGION}", "TAHUN 2025-2029"]
        if official
        else [
            "RENCANA PROGRAM, KEGIATAN, DAN PENDANAAN INDIKATIF",
            f"{agency['agency']} {REGION}",
            "PERIODE 2025 - 2029",
        ]
    )
    for n, text in enumerate(titles, 1):
        sheet.cell(n, 1, text).font = Font(bold=True)
        sheet.merge_cells(start_row=n, start_column=1, end_row=n, end_column=12)
    top = len(titles) + 2
    fixed = ["tujuan", "sasaran", "code", "name", "indicator", "unit", "baseline"]
    col = 1
    header_rows = 3 if official else 1
    for key in fixed:
        sheet.cell(top, col, words[key])
        if header_rows > 1:
            sheet.merge_cells(start_row=top, start_column=col, end_row=top + header_rows - 1, end_column=col)
        col += 1
    year_start = col
    if official:
        sheet.cell(top, col, "Target Kinerja Program dan Kerangka Pendanaan")
        sheet.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + 2 * len(YEARS) - 1)
        for y, year in enumerate(YEARS):
            c = col + 2 * y
            sheet.cell(top + 1, c, f"Tahun {year}")
            sheet.merge_cells(start_row=top + 1, start_column=c, end_row=top + 1, end_column=c + 1)
            sheet.cell(top + 2, c, "Target")
            sheet.cell(top + 2, c + 1, "Rp")
        col += 2 * len(YEARS)
        sheet.cell(top, col, "Kondisi Kinerja pada Akhir Periode Renstra Perangkat Daerah")
        sheet.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col + 1)
        sheet.cell(top + 2, col, "Target")
        sheet.cell(top + 2, col + 1, "Rp")
        col += 2
    else:
        for year in YEARS:
            sheet.cell(top, col, f"TARGET {year}")
            sheet.cell(top, col + 1, f"PAGU {year} (Rp)")
            col += 2
    for key in ("responsible", "location", "polarity"):
        sheet.cell(top, col, words[key])
        if header_rows > 1:
            sheet.merge_cells(start_row=top, start_column=col, end_row=top + header_rows - 1, end_column=col)
        col += 1
    last_col = col - 1
    for c in range(1, last_col + 1):
        for r in range(top, top + header_rows):
            sheet.cell(r, c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    r = top + header_rows
    for c in range(1, last_col + 1):  # the row of column numbers
        sheet.cell(r, c, f"({c})" if official else c)
    r += 1
    first_data = r
    spans: dict[str, list[int]] = {"tujuan": [], "sasaran": []}
    previous = {"tujuan": None, "sasaran": None}
    for row in rows_of(agency):
        node, (name, unit, base, targets, polarity) = row["node"], row["indicator"]
        for key, value in (("tujuan", row["goal"]), ("sasaran", row["sasaran"])):
            if value is not previous[key]:
                spans[key].append(r)
                sheet.cell(r, fixed.index(key) + 1, value["name"] if value else None)
                previous[key] = value
                if key == "tujuan":
                    previous["sasaran"] = None
        if row["level"] in ("program", "kegiatan", "sub") and row["first"]:
            sheet.cell(r, 3, node["code"])
            sheet.cell(r, 4, node["name"])
        sheet.cell(r, 5, name)
        sheet.cell(r, 6, unit)
        sheet.cell(r, 7, base)
        for y in range(len(YEARS)):
            sheet.cell(r, year_start + 2 * y, targets[y])
            if row["first"] and "budget" in node:
                sheet.cell(r, year_start + 2 * y + 1, node["budget"][y])
        if official:
            sheet.cell(r, year_start + 2 * len(YEARS), targets[-1])
            if row["first"] and "budget" in node:
                sheet.cell(r, year_start + 2 * len(YEARS) + 1, sum(node["budget"]))
        if row["first"] and node.get("responsible"):
            sheet.cell(r, last_col - 2, node["responsible"])
        sheet.cell(r, last_col - 1, "Kota Makassar")
        sheet.cell(r, last_col, polarity.upper() if not official else polarity.capitalize())
        r += 1
    if official:  # tujuan and sasaran cells merged down over the rows they cover
        for key in ("tujuan", "sasaran"):
            starts = spans[key] + [r]
            column = fixed.index(key) + 1
            for begin, end in itertools.pairwise(starts):
                following = [s for s in spans["tujuan"] if begin < s < end] if key == "sasaran" else []
                stop = (following[0] if following else end) - 1
                if stop > begin:
                    sheet.merge_cells(start_row=begin, start_column=column, end_row=stop, end_column=column)
    total = sheet.cell(r, 4, "JUMLAH")
    total.font = Font(bold=True)
    for y in range(len(YEARS)):
        sheet.cell(r, year_start + 2 * y + 1, sum(p["budget"][y] for s in agency["sasaran"] for p in s["programs"]))
    for c in range(1, last_col + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 14 if c > 7 else 30
    assert first_data < r


def write_workbook(path: Path, plan: list[dict]) -> None:
    book = Workbook()
    book.remove(book.active)
    write_renstra_sheet(book, plan[0], OFFICIAL, "Dinas Koperasi UKM", official=True)
    write_renstra_sheet(book, plan[1], CAPITALS, "Dinas Perdagangan", official=False)
    book.save(path)


# -- the same plan as database tables --------------------------------------------------------------


def tables_of(plan: list[dict]) -> dict[str, tuple[list[str], list[list]]]:
    targets = [f"target_{y}" for y in YEARS]
    pagu = [f"pagu_{y}" for y in YEARS]
    ind_columns = ["nama", "satuan", "kondisi_awal", *targets, "polaritas"]
    t: dict[str, tuple[list[str], list[list]]] = {
        "opd": (["id", "nama", "daerah"], []),
        "tujuan": (["id", "nama"], []),
        "indikator_tujuan": (["id", "tujuan_id", *ind_columns], []),
        "sasaran": (["id", "tujuan_id", "opd_id", "nama"], []),
        "indikator_sasaran": (["id", "sasaran_id", *ind_columns], []),
    }
    for level, parent in (("program", "sasaran"), ("kegiatan", "program"), ("sub_kegiatan", "kegiatan")):
        t[level] = (["id", f"{parent}_id", "kode", "nama", *pagu, "penanggung_jawab"], [])
        t[f"indikator_{level}"] = (["id", f"{level}_id", *ind_columns], [])

    def indicators(table, owner_id, node):
        for name, unit, base, values, polarity in node["indicators"]:
            rows = t[table][1]
            rows.append([len(rows) + 1, owner_id, name, unit, base, *values, polarity])

    for goal in GOALS:
        t["tujuan"][1].append([int(goal["code"]), goal["name"]])
        indicators("indikator_tujuan", int(goal["code"]), goal)
    ids = {"sasaran": 0, "program": 0, "kegiatan": 0, "sub_kegiatan": 0}
    for opd_id, agency in enumerate(plan, 1):
        t["opd"][1].append(
            [opd_id, agency["agency"].title().replace("Ukm", "UKM").replace("Dan", "dan"), "Kota Makassar"]
        )
    for opd_id, agency in enumerate(plan, 1):
        for sasaran in agency["sasaran"]:
            ids["sasaran"] += 1
            sid = ids["sasaran"]
            t["sasaran"][1].append([sid, int(sasaran["goal"]), opd_id, sasaran["name"]])
            indicators("indikator_sasaran", sid, sasaran)
            for prog in sasaran["programs"]:
                ids["program"] += 1
                pid = ids["program"]
                t["program"][1].append([pid, sid, prog["code"], prog["name"], *prog["budget"], prog["responsible"]])
                indicators("indikator_program", pid, prog)
                for keg in prog["children"]:
                    ids["kegiatan"] += 1
                    kid = ids["kegiatan"]
                    t["kegiatan"][1].append([kid, pid, keg["code"], keg["name"], *keg["budget"], keg["responsible"]])
                    indicators("indikator_kegiatan", kid, keg)
                    for sub_ in keg["children"]:
                        ids["sub_kegiatan"] += 1
                        xid = ids["sub_kegiatan"]
                        t["sub_kegiatan"][1].append(
                            [xid, kid, sub_["code"], sub_["name"], *sub_["budget"], sub_["responsible"]]
                        )
                        indicators("indikator_sub_kegiatan", xid, sub_)
    return t


def write_csv_tables(folder: Path, plan: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (columns, rows) in tables_of(plan).items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            writer.writerows(rows)


def write_sql_dump(path: Path, plan: list[dict]) -> None:
    def literal(value):
        if value is None:
            return "NULL"
        if isinstance(value, (int, float)):
            return repr(value)
        return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"

    lines = [
        "-- MySQL dump of a planning database (e-Renstra), Kota Makassar 2025-2029",
        "SET NAMES utf8mb4;",
        "SET FOREIGN_KEY_CHECKS=0;",
        "",
    ]
    for name, (columns, rows) in tables_of(plan).items():
        lines.append(f"DROP TABLE IF EXISTS `{name}`;")
        defs = ",\n".join(f"  `{c}` {'int' if c == 'id' or c.endswith('_id') else 'varchar(500)'}" for c in columns)
        lines.append(
            f"CREATE TABLE `{name}` (\n{defs},\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"
        )
        if rows:
            lines.append(f"LOCK TABLES `{name}` WRITE;")
            values = ",\n".join("(" + ",".join(literal(v) for v in row) + ")" for row in rows)
            lines.append(f"INSERT INTO `{name}` VALUES\n{values};")
            lines.append("UNLOCK TABLES;")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


# -- a revised version, a broken sheet, a matrix -------------------------------------------------


def revised(plan: list[dict]) -> list[dict]:
    """Renstra perubahan: each kind of change a diff must find, once."""
    plan = copy.deepcopy(plan)
    kop, dag = plan
    healthy = kop["sasaran"][0]
    # renamed (a spelling revised)
    name, *rest = healthy["indicators"][0]
    healthy["indicators"][0] = ("Persentase Koperasi yang Sehat", *rest)
    # re-parented: the training program now serves the UMKM target
    training = healthy["programs"].pop(2)
    kop["sasaran"][1]["programs"].append(training)
    # added: a new sub kegiatan with its indicator
    kop["sasaran"][1]["programs"][1]["children"][0]["children"].append(
        sub(
            "2.17.08.2.01.0002",
            "Fasilitasi Pemasaran Produk Usaha Mikro secara Daring",
            "Jumlah Usaha Mikro yang Memasarkan Produk secara Daring",
            "Unit Usaha",
            0,
            [40, 80, 120, 160, 200],
            [100 * M, 110 * M, 120 * M, 130 * M, 140 * M],
            "Bidang Usaha Kecil",
        )
    )
    # removed: the metrology supervision sub kegiatan and its indicator
    dag["sasaran"][0]["programs"][1]["children"][0]["children"].pop(1)
    # targets changed: the market-operation counts are raised
    ops = dag["sasaran"][0]["programs"][0]["children"][0]["children"][1]
    name, unit, base, _, polarity = ops["indicators"][0]
    ops["indicators"][0] = (name, unit, base, [14, 14, 16, 16, 18], polarity)
    for sasaran in (s for agency in plan for s in agency["sasaran"]):  # keep pagu sums true
        for prog in sasaran["programs"]:
            for keg in prog["children"]:
                keg["budget"] = _sum_budgets(keg["children"])
            prog["budget"] = _sum_budgets(prog["children"])
    return plan


def write_broken(path: Path) -> None:
    """One agency's sheet with four bad rows among good ones."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Renstra"
    sheet.append(["RENCANA PROGRAM, KEGIATAN DAN PENDANAAN"])
    sheet.append(["DINAS KOPERASI DAN UKM KOTA MAKASSAR TAHUN 2025-2029"])
    sheet.append([])
    sheet.append(
        [
            "Tujuan",
            "Sasaran",
            "Kode",
            "Program, Kegiatan dan Sub Kegiatan",
            "Indikator Kinerja",
            "Satuan",
            "Kondisi Awal",
            *[f"Target {y}" for y in YEARS],
            *[f"Pagu {y}" for y in YEARS],
        ]
    )
    five = [10, 20, 30, 40, 50]
    money = [100 * M] * 5
    sheet.append(
        ["Meningkatnya Daya Beli Masyarakat", None, None, None, "Pendapatan Perkapita", "Juta Rupiah", 98.2, *five]
    )
    sheet.append(
        [None, "Meningkatnya Lembaga Koperasi yang Sehat", None, None, "Persentase Koperasi Sehat", "%", 41, *five]
    )
    sheet.append(
        [
            None,
            None,
            "2.17.03",
            "Program Pengawasan dan Pemeriksaan Koperasi",
            "Persentase Koperasi yang Diawasi",
            "%",
            20,
            *five,
            *money,
        ]
    )
    sheet.append(
        [
            None,
            None,
            "2.17.03.2",
            "Pemeriksaan dan Pengawasan Koperasi",
            "Koperasi yang Diawasi",
            "Koperasi",
            80,
            *five,
            *money,
        ]
    )  # 4 parts
    sheet.append(
        [None, None, "2.17.O4", "Program Penilaian Kesehatan KSP/USP", "Persentase KSP Sehat", "%", 35, *five, *money]
    )  # letter O
    sheet.append(
        [None, None, "2.17.09.2.01", "Kegiatan Tanpa Program", "Jumlah Sesuatu", "Unit", 1, *five, *money]
    )  # no program 2.17.09
    sheet.append(
        [
            None,
            None,
            "2.17.03.2.01",
            "Pemeriksaan dan Pengawasan Koperasi Simpan Pinjam",
            "Jumlah Koperasi yang Diperiksa",
            "Koperasi",
            80,
            100,
            "seratus dua puluh",
            140,
            160,
            180,
            *money,
        ]
    )  # text in a number column
    sheet.append(
        [
            None,
            None,
            "2.17.03.2.01.0001",
            "Pemeriksaan Kepatuhan Koperasi",
            "Jumlah Koperasi yang Patuh",
            "Koperasi",
            40,
            *five,
            *money,
        ]
    )
    book.save(path)


def write_matrix(path: Path) -> None:
    """The cascading matrix layout: a column per level, manual IK fields, realisations."""
    header = [
        "Tujuan",
        "Sasaran",
        "Kode Program",
        "Program",
        "Kode Kegiatan",
        "Kegiatan",
        "Kode Sub Kegiatan",
        "Sub Kegiatan",
        "Indikator",
        "Satuan",
        "Jenis Indikator",
        "Polaritas",
        "Definisi Operasional",
        "Formula",
        "Sumber Data",
        "Periode Pelaporan",
        "Kondisi Awal",
        "Target 2025",
        "Target 2026",
        "Realisasi 2025",
        "Realisasi TW I 2025",
        "Pagu 2025",
        "Penanggung Jawab",
    ]
    rows = [
        [
            "Meningkatnya Daya Beli Masyarakat",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Pendapatan Perkapita",
            "Juta Rupiah",
            "Dampak",
            "Positif",
            "PDRB per penduduk",
            "PDRB / jumlah penduduk",
            "BPS",
            "Tahunan",
            "98,2",
            "101,5",
            "105",
            "100,9",
            "",
            "",
            "",
        ],
        [
            "",
            "Meningkatnya Lembaga Koperasi yang Sehat",
            "",
            "",
            "",
            "",
            "",
            "",
            "Persentase Koperasi Sehat",
            "%",
            "Hasil",
            "Positif",
            "Koperasi sehat dibagi koperasi aktif",
            "(koperasi sehat / koperasi aktif) x 100",
            "Laporan RAT",
            "Tahunan",
            "41",
            "44",
            "47",
            "42",
            "",
            "",
            "",
        ],
        [
            "",
            "",
            "2.17.03",
            "Program Pengawasan dan Pemeriksaan Koperasi",
            "",
            "",
            "",
            "",
            "Persentase Koperasi yang Diperiksa dan Diawasi",
            "%",
            "Hasil",
            "Positif",
            "",
            "",
            "",
            "Tahunan",
            "20",
            "25",
            "30",
            "24",
            "",
            "1.150.000.000",
            "Bidang Pengawasan Koperasi",
        ],
        [
            "",
            "",
            "",
            "",
            "2.17.03.2.01",
            "Pemeriksaan dan Pengawasan Koperasi",
            "",
            "",
            "Jumlah Koperasi yang Diawasi dan Diperiksa",
            "Koperasi",
            "Keluaran",
            "Positif",
            "",
            "",
            "",
            "Triwulanan",
            "80",
            "100",
            "120",
            "90",
            "20",
            "650.000.000",
            "Bidang Pengawasan Koperasi",
        ],
        [
            "",
            "",
            "",
            "",
            "",
            "",
            "2.17.03.2.01.0001",
            "Pemeriksaan Kepatuhan Koperasi terhadap Peraturan Perundang-Undangan",
            "Jumlah Koperasi yang Memenuhi Peraturan Perundang-Undangan",
            "Koperasi",
            "Keluaran",
            "Positif",
            "",
            "",
            "",
            "Triwulanan",
            "40",
            "50",
            "60",
            "45",
            "10",
            "350.000.000",
            "Seksi Pengawasan",
        ],
        [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Jumlah Temuan Pelanggaran Koperasi",
            "Temuan",
            "Keluaran",
            "Negatif",
            "",
            "",
            "",
            "Triwulanan",
            "30",
            "25",
            "20",
            "28",
            "8",
            "",
            "",
        ],
    ]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter=";")  # Excel's CSV in an Indonesian locale
        writer.writerow(["MATRIKS CASCADING KINERJA DINAS KOPERASI DAN UKM KOTA MAKASSAR TAHUN 2025-2026"])
        writer.writerow([])
        writer.writerow(header)
        writer.writerows(rows)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_workbook(out / "renstra-makassar-2025-2029.xlsx", PLAN)
    write_csv_tables(out / "renstra-makassar-2025-2029-tables", PLAN)
    write_sql_dump(out / "renstra-makassar-2025-2029.sql", PLAN)
    write_workbook(out / "renstra-makassar-2025-2029-v2.xlsx", revised(PLAN))
    write_broken(out / "renstra-rusak.xlsx")
    write_matrix(out / "matrix-koperasi-2025.csv")
    for path in sorted(out.rglob("*")):
        if path.is_file():
            print(f"{path}  ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "data" / "examples")
