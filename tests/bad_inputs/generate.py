"""The inputs of the corpus that are binary or too big to keep in the repository, made on demand.

`make(folder)` writes each of them under `folder` at the path manifest.yaml gives it; the same
call always writes the same bytes. Each maker says in its name and first line what is wrong.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

CASCADE = """format: lineage.cascade/1
id: uji
agency: Dinas Uji
region: Kota Uji
period: 2025-2029
elements:
  - {id: sasaran-1, kind: agency_target, name: Meningkatnya Koperasi Sehat}
indicators:
  - {id: ik-1, measures: sasaran-1, name: Persentase Koperasi Sehat, targets: {2025: 80}}
"""
SHEET_HEADER = ["Kode", "Program/Kegiatan", "Indikator", "Satuan", "Baseline", "Target 2025"]
SHEET_ROW = ["2.17.04", "Program Pengembangan UMKM", "Persentase UMKM Naik Kelas", "%", 40, 60]


def _noise(size: int, seed: int = 9) -> bytes:
    return random.Random(seed).randbytes(size)


def workbook(rows: list[list[object]] | None = None, *, edit: Callable[..., None] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows if rows is not None else [SHEET_HEADER, SHEET_ROW]:
        sheet.append(row)
    if edit:
        edit(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _patch_headers(archive: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Write `value` at `offset` of every local (PK\\3\\4) and central (PK\\1\\2) header; the
    central header's fields sit 2 bytes further than the local one's."""
    data = bytearray(archive)
    for signature, shift in ((b"PK\x03\x04", 0), (b"PK\x01\x02", 2)):
        at = data.find(signature)
        while at != -1:
            struct.pack_into(fmt, data, at + offset + shift, value)
            at = data.find(signature, at + 4)
    return bytes(data)


def _replace_part(workbook: bytes, part: str, edit: Callable[[bytes], bytes]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[part] = edit(members[part])
    return _zip(members)


TABLES = {
    "tujuan.csv": b"id,nama\n1,Meningkatnya Daya Beli Masyarakat\n",
    "sasaran.csv": b"id,tujuan_id,nama\n1,1,Meningkatnya Koperasi Sehat\n",
}

_XML_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10))
    + b"]>\n"
)

MAKERS: dict[str, Callable[[], bytes]] = {
    # YAML and JSON cascade files
    "yaml/long-name.yaml": lambda: CASCADE.replace("name: Persentase", "name: " + "Persentase " * 20_000).encode(),
    "yaml/latin1-not-utf8.yaml": lambda: CASCADE.replace("Dinas Uji", "Dinas Pariwisata & Kebudayaan (Caf\xe9)").encode(
        "latin-1"
    ),
    "yaml/utf16.yaml": lambda: CASCADE.encode("utf-16"),
    "yaml/random-bytes.yaml": lambda: _noise(4096),
    "yaml/too-many-values.yaml": lambda: (CASCADE + "notes: [" + ", ".join(["x"] * 2000) + "]\n").encode(),
    "yaml/larger-than-the-file-limit.yaml": lambda: (CASCADE + "# " + "padding " * 400 + "\n").encode(),
    "json/nested-100000-deep.json": lambda: b'{"notes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "json/utf16.json": lambda: '{"format": "lineage.cascade/1", "id": "uji"}'.encode("utf-16"),
    "json/too-many-values.json": lambda: ('{"format": "lineage.cascade/1", "notes": [' + "1," * 2000 + "1]}").encode(),
    # CSV sheets
    "csv/field-of-131073-characters.csv": lambda: (
        ";".join(SHEET_HEADER) + "\n2.17.04;Program UMKM;" + "x" * 131_073 + ";%;40;60\n"
    ).encode(),
    "csv/random-bytes.csv": lambda: _noise(8192),
    "csv/utf16-without-bom.csv": lambda: (";".join(SHEET_HEADER) + "\n").encode("utf-16-le"),
    "csv/xlsx-named-csv.csv": lambda: workbook(),
    "csv/undecodable-byte.csv": lambda: (";".join(SHEET_HEADER) + "\n2.17.04;Program \x81UMKM;IK;%;1;2\n").encode(
        "latin-1"
    ),
    "csv/2000-columns.csv": lambda: (",".join(f"Kolom {n}" for n in range(2000)) + "\n").encode(),
    "csv/more-rows-than-the-limit.csv": lambda: (
        ";".join(SHEET_HEADER) + "\n" + "".join(f"2.17.04;Program;Jumlah {n};unit;1;2\n" for n in range(150))
    ).encode(),
    "csv/larger-than-the-upload-limit.csv": lambda: (
        ";".join(SHEET_HEADER) + "\n" + "2.17.04;Program;Jumlah UMKM;unit;1;2\n" * 100
    ).encode(),
    # XLSX workbooks
    "xlsx/cut-short.xlsx": lambda: workbook()[:3000],
    "xlsx/damaged-in-the-middle.xlsx": lambda: (lambda b: b[:1500] + _noise(800) + b[2300:])(workbook()),
    "xlsx/csv-named-xlsx.xlsx": lambda: (";".join(SHEET_HEADER) + "\n" + ";".join(map(str, SHEET_ROW))).encode(),
    "xlsx/empty.xlsx": lambda: b"",
    "xlsx/excel-97-or-encrypted.xlsx": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _noise(4000),
    "xlsx/inflates-beyond-the-limit.xlsx": lambda: _replace_part(
        workbook(), "docProps/app.xml", lambda xml: xml + b" " * (2 * 2**20)
    ),
    "xlsx/xml-entity-bomb.xlsx": lambda: _replace_part(
        workbook(),
        "xl/worksheets/sheet1.xml",
        lambda xml: _XML_BOMB + xml.replace(b"<t>Kode</t>", b"<t>&lol9;</t>"),
    ),
    "xlsx/value-in-the-last-row.xlsx": lambda: workbook(edit=lambda s: s.cell(row=1_048_576, column=1, value="x")),
    "xlsx/value-beyond-the-last-column.xlsx": lambda: workbook(edit=lambda s: s.cell(row=2, column=2000, value="x")),
    # A control character cannot be written in XML but C1 controls (CSI: ESC [) and bidi overrides can.
    "xlsx/control-sequence-in-a-cell.xlsx": lambda: workbook(
        [SHEET_HEADER, ["2.17.04", "Program UMKM", "Jumlah \x9b2JUMKM", "unit", 1, 2]]
    ),
    "xlsx/bidi-override-in-a-cell.xlsx": lambda: workbook(
        [SHEET_HEADER, ["2.17.04", "Program UMKM", "Jumlah \u202eUMKM", "unit", 1, 2]]
    ),
    "xlsx/merged-over-the-whole-sheet.xlsx": lambda: _replace_part(  # openpyxl would make every cell of it
        workbook([["Catatan"], ["x"]]),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
        ),
    ),
    "xlsx/no-workbook-part.xlsx": lambda: _zip({"xl/worksheets/sheet1.xml": b"<worksheet/>"}),
    "xlsx/decimal-point-beside-thousands-as-text.xlsx": lambda: workbook(
        [
            SHEET_HEADER,
            ["2.17.04", "Program", "Jumlah A", "unit", "1.250", 1],
            ["2.17.05", "Program", "Persentase B", "%", "75.25", 2],
        ]
    ),
    # .zip of CSV tables
    "zip/same-table-in-a-folder.zip": lambda: _zip({**TABLES, "zz/tujuan.csv": b"id,nama\n9,Tujuan Lain\n"}),
    "zip/same-table-other-case.zip": lambda: _zip({**TABLES, "Tujuan.csv": b"id,nama\n9,Tujuan Lain\n"}),
    "zip/same-table-with-prefix.zip": lambda: _zip({**TABLES, "tbl_tujuan.csv": b"id,nama\n9,Tujuan Lain\n"}),
    "zip/inflates-beyond-the-limit.zip": lambda: _zip(
        {**TABLES, "program.csv": b"id,nama\n" + b"1,Program\n" * 300_000}
    ),
    "zip/encrypted.zip": lambda: _patch_headers(_zip(TABLES), 6, "<H", 0x1),
    "zip/unsupported-compression.zip": lambda: _patch_headers(_zip(TABLES), 8, "<H", 9),
    "zip/bad-checksum.zip": lambda: _patch_headers(_zip(TABLES, method=zipfile.ZIP_STORED), 14, "<I", 12345),
    "zip/cut-short.zip": lambda: _zip(TABLES)[:150],
    "zip/text-named-zip.zip": lambda: b"id,nama\n1,Tujuan\n",
    "zip/more-files-than-the-limit.zip": lambda: _zip({f"tabel-{n}.csv": b"id\n1\n" for n in range(30)}),
    "zip/only-macos-metadata.zip": lambda: _zip({"__MACOSX/._tujuan.csv": _noise(200), "._sasaran.csv": _noise(200)}),
    "zip/escape-sequence-in-a-file-name.zip": lambda: _zip({**TABLES, "program\x1b[2J.csv": b"id,nama\n1,P\n"}),
    "zip/random-bytes-as-a-table.zip": lambda: _zip({**TABLES, "program.csv": _noise(2048)}),
    # SQL dumps
    "sql/random-bytes.sql": lambda: _noise(4096),
    "sql/latin1-not-utf8.sql": lambda: "INSERT INTO tujuan (id, nama) VALUES (1, 'Caf\xe9');\n".encode("latin-1"),
    "sql/more-rows-than-the-limit.sql": lambda: (
        "INSERT INTO tujuan (id, nama) VALUES " + ", ".join(f"({n}, 'Tujuan {n}')" for n in range(150)) + ";\n"
    ).encode(),
    "sql/string-of-200000-characters.sql": lambda: (
        "INSERT INTO tujuan (id, nama) VALUES (1, '" + "x" * 200_000 + "');\n"
    ).encode(),
}


def make(folder: Path) -> None:
    for name, maker in MAKERS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(maker())
