"""The matriks cascading and the Renstra table as planners hand them in: opened with openpyxl as a
spreadsheet program would (merged boxes, headers, print setup), and read back by `lineage import`
into the same graph (an id-free fingerprint read from Neo4j, tests/support/fingerprint.py)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from lineage.cascade import read_cascade
from lineage.export.loaded import read_loaded
from lineage.export.matrix import limits, matrix_workbook
from lineage.importers import ImportOptions, import_source
from lineage.loader import load_cascade
from tests.support.fingerprint import fingerprint
from tests.support.paths import MAKASSAR, WORKBOOK


def open_sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).worksheets


def test_the_makassar_matrix_has_a_row_per_indicator_and_boxes_merged_down_their_rows():
    cascade = read_cascade(MAKASSAR)
    (ws,) = open_sheet(matrix_workbook([cascade], printed="2026-11-30"))
    assert [ws.cell(row=r, column=1).value for r in range(1, 5)] == [
        "MATRIKS CASCADING KINERJA",
        "DINAS KOPERASI & UKM",
        "KOTA MAKASSAR",
        "PERIODE 2021-2026",
    ]
    header = [ws.cell(row=6, column=c).value for c in range(1, ws.max_column + 1)]
    years = [ws.cell(row=7, column=c).value for c in range(1, ws.max_column + 1)]
    assert header[:8] == [
        "Tujuan",
        "Sasaran",
        "Program",
        "Kegiatan",
        "Sub Kegiatan",
        "Indikator Kinerja",
        "Satuan",
        "Kondisi Awal",
    ]
    assert header[8] == "Target Kinerja" and years[8:14] == ["2021", "2022", "2023", "2024", "2025", "2026"]
    assert header[-1] == "Penanggung Jawab"
    indicators = [ws.cell(row=r, column=6).value for r in range(8, ws.max_row + 1)]
    assert sorted(filter(None, indicators)) == sorted(i.name for i in cascade.indicators) and len(indicators) == 33
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A8:A24", "A25:A40"} <= merged  # each mayor goal down its IK rows and every row under it
    assert "B9:B16" in merged  # a sasaran down its IK row and its programs' rows
    assert {"H6:H7", "I6:N6"} <= merged  # a header over two rows; "Target Kinerja" over the years
    assert ws.print_area == "'Dinas Koperasi & UKM'!$A$1:$O$40"
    assert ws.print_title_rows == "$6:$7"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A3)  # 8: A3
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.freeze_panes == "A8"
    assert limits(cascade) == []


def test_the_makassar_matrix_imports_back_to_the_same_graph(graph, database):
    cascade = read_cascade(MAKASSAR)
    load_cascade(graph, cascade, database=database)
    before = fingerprint(graph, cascade.id, database)
    content = matrix_workbook([read_loaded(graph, cascade.id, database=database)])
    (back,) = import_source("matrix.xlsx", content, ImportOptions(cascade_id=cascade.id)).cascades
    load_cascade(graph, back, database=database, force=True)  # ids are made anew: every indicator "replaced"
    after = fingerprint(graph, cascade.id, database)
    # The Walikota's goals come back as his: a Tujuan whose Penanggung Jawab is the head of the region.
    assert after["cascade"] == before["cascade"]
    assert after["links"] == before["links"] and len(after["links"]) == 40
    strip = lambda rows: sorted(row[:-1] for row in rows)  # noqa: E731  (the owner is the last column)
    assert strip(after["elements"]) == strip(before["elements"]) and strip(after["indicators"]) == strip(
        before["indicators"]
    )
    # Owners: the importer names a kegiatan's owner at Eselon IV, its usual tier; Makassar's are
    # JAFUNG/STAF (the 2021 simplification). Every other owner comes back as it was.
    owners = lambda print_: {row[0]: row[-1] for row in print_["elements"]}  # noqa: E731
    changed = {path[-1][0] for path, owner in owners(before).items() if owners(after)[path] != owner}
    assert changed <= {"kegiatan"}


@pytest.mark.parametrize("layout", ["matrix", "renstra"])
def test_the_example_renstra_exported_and_imported_again_is_the_same_graph(graph, database, layout):
    imported = import_source(str(WORKBOOK)).cascades
    for cascade in imported:
        load_cascade(graph, cascade, database=database)
    before = {c.id: fingerprint(graph, c.id, database) for c in imported}
    loaded = [read_loaded(graph, c.id, database=database) for c in imported]
    agencies = [c for c in loaded if c.elements and c.elements[0].external_parent]
    content = matrix_workbook(agencies, context=[c for c in loaded if c not in agencies], layout=layout)
    again = import_source(f"{layout}.xlsx", content).cascades
    assert sorted(c.id for c in again) == sorted(before)
    for cascade in again:
        load_cascade(graph, cascade, database=database)
    assert {c.id: fingerprint(graph, c.id, database) for c in imported} == before
    sheets = open_sheet(content)
    assert [ws.title for ws in sheets] == [c.agency for c in agencies]
    for ws in sheets:
        assert ws.print_area and ws.print_title_rows == "$6:$7" and ws.merged_cells.ranges


def test_the_renstra_table_writes_programs_kegiatan_and_sub_kegiatan_in_one_code_and_one_name_column():
    cascades = import_source(str(WORKBOOK)).cascades
    agency = next(c for c in cascades if "koperasi" in c.id)
    (ws,) = open_sheet(matrix_workbook([agency], context=cascades, layout="renstra"))
    header = [ws.cell(row=6, column=c).value for c in range(1, 8)]
    assert header == [
        "Tujuan",
        "Sasaran",
        "Kode",
        "Program, Kegiatan dan Sub Kegiatan",
        "Indikator Kinerja Program (Outcome) dan Kegiatan (Output)",
        "Satuan",
        "Kondisi Kinerja Awal",
    ]
    assert ws.cell(row=6, column=8).value == "Tahun 2025" and [ws.cell(row=7, column=c).value for c in (8, 9)] == [
        "Target",
        "Rp",
    ]
    codes = {ws.cell(row=r, column=3).value for r in range(8, ws.max_row + 1)} - {None}
    assert codes == {e.code for e in agency.elements if e.code}
    assert ws.cell(row=1, column=1).value == "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN"


def test_a_renstra_table_of_boxes_without_codes_says_what_it_cannot_hold():
    (message,) = limits(read_cascade(MAKASSAR), "renstra")
    assert message.startswith("24 program(s), kegiatan or sub kegiatan have no code")


@pytest.mark.parametrize("layout", ["matrix", "renstra"])
def test_names_that_begin_with_an_equals_sign_are_written_as_text_never_as_formulas(layout):
    """openpyxl takes a string beginning with "=" for a formula: a name "=HYPERLINK(...)" reached
    the exported workbook as a live formula, which Excel evaluates when the file is opened."""
    cascade = read_cascade(MAKASSAR)
    hostile = {i.id: f'=HYPERLINK("http://example.invalid/{n}","{i.name}")' for n, i in enumerate(cascade.indicators)}
    cascade = cascade.model_copy(
        update={
            "agency": "=1+1",
            "indicators": [i.model_copy(update={"name": hostile[i.id]}) for i in cascade.indicators],
        }
    )
    (ws,) = open_sheet(matrix_workbook([cascade], layout=layout))
    cells = [cell for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert ws.cell(row=2, column=1).value == "=1+1"
    assert set(hostile.values()) <= {cell.value for cell in cells}
