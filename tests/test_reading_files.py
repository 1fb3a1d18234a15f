"""Files as planners and tools really write them are read right: what the bad-input corpus refuses
has a readable twin here, read to the values it holds (docs/limits.md)."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pytest

from lineage.cascade import CascadeFileError, parse_cascade, read_cascade, read_cascade_file
from lineage.importers import ImportRefused, import_source
from lineage.importers.grid import GridError, read_grids
from lineage.limits import LimitExceeded
from tests.support.limits import input_limits
from tests.support.paths import EXAMPLES, MAKASSAR

CASCADE = {
    "format": "lineage.cascade/1",
    "id": "uji",
    "agency": "Dinas Uji",
    "region": "Kota Uji",
    "period": "2025-2029",
    "elements": [{"id": "sasaran-1", "kind": "agency_target", "name": "Meningkatnya Koperasi Sehat"}],
    "indicators": [{"id": "ik-1", "measures": "sasaran-1", "name": "Persentase Koperasi Sehat"}],
}


def _indicator_values(source: str, content: bytes) -> dict[str, tuple[float | None, dict[int, float]]]:
    (*_, cascade) = import_source(source, content).cascades
    return {
        i.name: (i.baseline.value if i.baseline else None, {y: m.value for y, m in i.targets.items()})
        for i in cascade.indicators
    }


# -- JSON and YAML ----------------------------------------------------------------------------------


def test_a_surrogate_pair_escape_as_json_dumps_writes_it_is_read_as_the_character():
    data = {**CASCADE, "agency": "Dinas Koperasi 😀"}
    text = json.dumps(data)
    assert "\\ud83d\\ude00" in text
    assert parse_cascade(text, "cascade.json").agency == "Dinas Koperasi 😀"


def test_json_numbers_keep_the_digits_they_were_written_with():
    data = {**CASCADE, "elements": [{**CASCADE["elements"][0], "code": "2.10"}]}
    data["indicators"][0] = {**data["indicators"][0], "targets": {"2025": 80.50}}
    cascade = parse_cascade(json.dumps(data), "cascade.json")
    assert cascade.elements[0].code == "2.10" and cascade.indicators[0].targets[2025].value == 80.5


def test_a_byte_order_mark_from_notepad_is_not_part_of_the_first_key(tmp_path):
    path = tmp_path / "cascade.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(CASCADE).encode())
    assert import_source(str(path)).cascades[0].id == "uji"


def test_yaml_aliases_within_the_limit_are_read_as_the_values_they_repeat():
    text = (
        "format: lineage.cascade/1\nid: uji\nagency: Dinas Uji\nregion: Kota Uji\nperiod: 2025-2029\n"
        "elements:\n  - {id: s, kind: agency_target, name: Sasaran}\n"
        "indicators:\n"
        "  - {id: ik-1, measures: s, name: Jumlah UMKM, targets: &five {2025: 1, 2026: 2, 2027: 3}}\n"
        "  - {id: ik-2, measures: s, name: Jumlah Koperasi, targets: *five}\n"
    )
    cascade = parse_cascade(text, "cascade.yaml")
    assert cascade.indicators[1].targets == cascade.indicators[0].targets


def test_every_limit_is_a_setting_a_refusal_names(tmp_path):
    deep = "format: lineage.cascade/1\nnotes: " + "[" * 40 + "]" * 40 + "\n"
    with pytest.raises(LimitExceeded) as refused:
        parse_cascade(deep, "deep.yaml")
    assert refused.value.setting == "LINEAGE_MAX_DEPTH" and "at most 32 levels" in str(refused.value)
    with input_limits(LINEAGE_MAX_DEPTH=50), pytest.raises(CascadeFileError) as invalid:
        parse_cascade(deep, "deep.yaml")
    assert not isinstance(invalid.value, LimitExceeded)  # read, then refused for what it says


def test_a_file_size_limit_set_far_above_the_memory_reads_a_small_file_within_it():
    with input_limits(LINEAGE_MAX_FILE_BYTES="1PB"):
        assert read_cascade(MAKASSAR).id == "makassar-diskopukm"


def test_a_cascade_files_name_holding_a_control_character_is_refused_before_it_is_recorded(tmp_path):
    named = tmp_path / "rencana\x1b[31m.yaml"
    named.write_bytes(MAKASSAR.read_bytes())
    with pytest.raises(CascadeFileError, match="rename the file"):
        read_cascade_file(named)


def test_the_makassar_cascade_reads_the_same_as_yaml_and_as_json():
    import yaml

    from_yaml = parse_cascade(MAKASSAR.read_text(encoding="utf-8"), "makassar.yaml")
    data = yaml.safe_load(MAKASSAR.read_text(encoding="utf-8"))
    data["period"] = str(from_yaml.period)
    assert parse_cascade(json.dumps(data), "makassar.json") == from_yaml


# -- CSV -----------------------------------------------------------------------------------------------


def test_a_semicolon_csv_with_decimal_commas_and_commas_in_its_text_keeps_its_columns():
    """Excel set to Indonesian writes ';' and decimal commas and leaves commas in text unquoted:
    the widest split used to be ',' here, and 98,2 was read as 98."""
    matrix = (EXAMPLES / "matrix-koperasi-2025.csv").read_bytes().decode("utf-8")
    assert "PDRB per penduduk" in matrix
    wordy = matrix.replace(
        "PDRB per penduduk", "PDRB, atas dasar harga berlaku, per penduduk, per tahun, menurut BPS, Kota Makassar"
    )
    values = _indicator_values("matriks.csv", wordy.encode())
    assert values["Pendapatan Perkapita"] == (98.2, {2025: 101.5, 2026: 105.0})


def test_a_utf16_csv_from_excels_unicode_text_is_read():
    matrix = (EXAMPLES / "matrix-koperasi-2025.csv").read_bytes().decode("utf-8")
    values = _indicator_values("matriks.csv", matrix.replace(";", "\t").encode("utf-16"))
    assert values["Pendapatan Perkapita"] == (98.2, {2025: 101.5, 2026: 105.0})


def test_a_windows_1252_csv_is_read_with_its_accents():
    (grid,) = read_grids("opd.csv", "Nama;Kota\nDinas Pariwisata (Café);Makassar\n".encode("cp1252"))
    assert grid.rows[1] == ["Dinas Pariwisata (Café)", "Makassar"]


def test_a_csv_with_the_old_mac_line_breaks_is_read_row_by_row():
    """Excel for Mac's "CSV (Macintosh)" ends lines with a carriage return alone: it was refused
    as one line holding a new line in an unquoted field."""
    matrix = (EXAMPLES / "matrix-koperasi-2025.csv").read_bytes().decode("utf-8")
    values = _indicator_values("matriks.csv", matrix.replace("\n", "\r").encode())
    assert values["Pendapatan Perkapita"] == (98.2, {2025: 101.5, 2026: 105.0})


def test_a_refusal_in_a_csv_with_the_old_mac_line_breaks_names_its_line():
    with pytest.raises(GridError) as refused:
        read_grids("opd.csv", b"Nama;Kota;Target\rDinas Pariwisata;Makassar;1\rDinas Koperasi;Makassar;1;2\r")
    assert refused.value.problem.line == 3


def test_numbers_in_english_writing_are_read_as_written_when_nothing_is_ambiguous():
    (grid,) = read_grids("angka.csv", b'Kode,Target,Realisasi\n2.17.04,98.25,"98,5"\n2.17.05,75.5,0.125\n')
    assert [row[1:] for row in grid.rows[1:]] == [["98.25", "98,5"], ["75.5", "0.125"]]


def test_a_code_column_is_not_taken_for_decimals_beside_indonesian_thousands():
    (grid,) = read_grids("kode.csv", b"Urusan;Kode;Target\n2.17;2.17.04;1.250\n2.18;2.18.01;2.500\n")
    assert [row[2] for row in grid.rows[1:]] == ["1.250", "2.500"]


# -- XLSX and archives --------------------------------------------------------------------------------


def test_rows_formatted_down_to_the_end_of_the_sheet_are_not_read_as_rows():
    book = openpyxl.Workbook()
    book.active.append(["Kode", "Indikator"])
    book.active.cell(row=1_048_576, column=1).number_format = "0.00"  # formatted, no value
    content = io.BytesIO()
    book.save(content)
    (grid,) = read_grids("renstra.xlsx", content.getvalue())
    assert grid.rows == [["Kode", "Indikator"]]


def test_a_formula_whose_value_the_workbook_does_not_store_is_refused_naming_its_cell():
    """Programs that write workbooks without calculating them (openpyxl, some web exports) store
    a formula and no value: the cell was read as blank, so a target vanished, or a name blank meant
    "same as above"."""
    book = openpyxl.Workbook()
    book.active.append(["Sasaran", "Indikator", "Target 2025", "Target 2026"])
    book.active.append(["Meningkatnya Koperasi Sehat", "Persentase Koperasi Sehat", 40, "=C2*1.1"])
    content = io.BytesIO()
    book.save(content)
    with pytest.raises(GridError) as refused:
        read_grids("renstra.xlsx", content.getvalue())
    problem = refused.value.problem
    assert (problem.sheet, problem.line, problem.column) == ("Sheet", 2, "D")
    assert "formula" in problem.message and "=C2*1.1" in problem.message


def test_a_merged_header_spans_its_columns_and_blanks_the_cells_under_its_range():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indikator", "Target", None])
    sheet.append([None, 2025, 2026])
    sheet.append(["Jumlah UMKM", 10, 20])
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("A1:A2")
    content = io.BytesIO()
    book.save(content)
    (grid,) = read_grids("renstra.xlsx", content.getvalue())
    assert [grid.header_value(0, c) for c in range(3)] == ["Indikator", "Target", "Target"]
    assert grid.header_value(1, 0) == "Indikator" and grid.value(1, 0) is None
    assert grid.rows[2] == ["Jumlah UMKM", 10, 20]


def test_a_hidden_sheet_is_not_read_and_the_import_says_so():
    """A hidden sheet often holds lookup lists, but may hold a second agency's rows: it is left
    out as before, and now said to be, as every row not read is."""
    matrix = (EXAMPLES / "matrix-koperasi-2025.csv").read_text(encoding="utf-8")
    book = openpyxl.Workbook()
    for title, state in (("Matriks", "visible"), ("Perdagangan", "hidden"), ("Daftar", "veryHidden")):
        sheet = book.active if title == "Matriks" else book.create_sheet(title)
        sheet.title, sheet.sheet_state = title, state
        for line in matrix.splitlines():
            sheet.append([cell or None for cell in line.split(";")])
    content = io.BytesIO()
    book.save(content)
    imported = import_source("matriks.xlsx", content.getvalue())
    assert imported.report.rows_read == import_source("matriks.csv", matrix.encode()).report.rows_read
    assert {(row.sheet, tuple(row.reasons)) for row in imported.report.skipped} == {
        ("Perdagangan", ("a hidden sheet: not read (unhide it to import it)",)),
        ("Daftar", ("a hidden sheet: not read (unhide it to import it)",)),
    }


def test_a_workbook_whose_every_sheet_is_hidden_is_refused_saying_so():
    """Excel keeps one sheet visible, other writers need not: it was refused for want of a region."""
    book = openpyxl.Workbook()
    book.active.append(["Sasaran", "Indikator"])
    book.active.append(["Meningkatnya Koperasi Sehat", "Persentase Koperasi Sehat"])
    content = io.BytesIO()
    book.save(content)
    hidden = io.BytesIO()
    with zipfile.ZipFile(content) as source, zipfile.ZipFile(hidden, "w") as out:
        for info in source.infolist():
            part = source.read(info.filename)
            out.writestr(
                info,
                part.replace(b'state="visible"', b'state="hidden"') if info.filename == "xl/workbook.xml" else part,
            )
    with pytest.raises(ImportRefused) as refused:
        import_source("renstra.xlsx", hidden.getvalue())
    assert refused.value.report.problems == [
        "renstra.xlsx: every sheet of the workbook is hidden: unhide the one to import"
    ]


def test_macos_metadata_in_a_zip_is_left_out_and_said_so():
    folder = EXAMPLES / "renstra-makassar-2025-2029-tables"
    members = {p.name: p.read_bytes() for p in folder.glob("*.csv")}
    members["__MACOSX/._tujuan.csv"] = b"\x00\x05\x16\x07binary resource fork"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    imported = import_source("renstra.zip", archive.getvalue())
    assert [c.id for c in imported.cascades] == [c.id for c in import_source(str(folder)).cascades]
    assert any("__MACOSX/._tujuan.csv" in reason for row in imported.report.skipped for reason in row.reasons)


def test_a_limit_set_lower_refuses_what_the_default_reads():
    folder = EXAMPLES / "renstra-makassar-2025-2029-tables"
    with input_limits(LINEAGE_MAX_ARCHIVE_FILES=2), pytest.raises(ImportRefused) as refused:
        import_source(str(folder))
    assert "LINEAGE_MAX_ARCHIVE_FILES" in refused.value.report.problems[0]


def test_a_number_with_a_zero_before_the_point_is_a_decimal_not_thousands():
    from lineage.importers.values import number

    assert [number(text) for text in ("0.125", "1.250", "1.250,5", "98,2")] == [0.125, 1250.0, 1250.5, 98.2]
