"""Errors a planner can act on: header problems list the headers seen and the nearest known
wording; each refused row names its sheet (or list), row and column; the closing hint fits the
problem."""

from __future__ import annotations

import json

import pytest

from lineage.importers import ImportOptions, ImportRefused, import_source
from tests.support.layouts import LAYOUTS
from tests.support.paths import EXAMPLES
from tests.support.sheets import write_csv, write_xlsx

CONTEXT = ImportOptions(agency="Dinas Koperasi", region="Kabupaten Gowa", period="2025-2029")


def _refusal(path, options=CONTEXT):
    with pytest.raises(ImportRefused) as refused:
        import_source(str(path), options=options)
    return refused.value.report


def test_a_sheet_without_a_header_row_lists_the_headers_seen_and_the_nearest_known_wordings(tmp_path):
    rows = [["Uraian Program", "Ukuran Keberhasilan", "Satuann"], ["P", "I", "%"]]
    report = _refusal(write_xlsx(tmp_path / "s.xlsx", rows))
    (problem,) = report.problems
    assert problem.startswith(f"{tmp_path / 's.xlsx'}, sheet Renstra, row 1: no header row names an indicator column")
    assert problem.endswith(
        "Headers seen: A (Uraian Program: program.name); B (Ukuran Keberhasilan); "
        "C (Satuann; nearest known wording 'Satuan' (unit))"
    )
    assert report.hint.startswith("Map the columns")


def test_a_sheet_that_cannot_be_read_is_refused_even_when_invalid_rows_may_be_skipped(tmp_path):
    sheet = write_csv(tmp_path / "s.csv", [["Program", "Ukuran"], ["P", "I"]])
    _refusal(sheet, CONTEXT.model_copy(update={"skip_invalid": True}))


def test_a_missing_region_asks_for_the_region_not_for_fixed_rows(tmp_path):
    sheet = write_csv(tmp_path / "s.csv", [["Sasaran", "Indikator", "Target 2025"], ["S", "I", 1]])
    report = _refusal(sheet, ImportOptions(agency="Dinas Koperasi"))
    assert report.problems == [f"{sheet}: the region is not stated in the source: give it (--region)"]
    assert report.hint == "Give what the source does not state: --agency, --region, --period."


def test_invalid_rows_name_sheet_row_and_column_and_the_hint_says_fix_or_skip():
    report = _refusal(EXAMPLES / "renstra-rusak.xlsx", ImportOptions())
    assert all(", sheet Renstra, row " in p and ", column " in p for p in report.problems)
    assert report.hint == "Fix these rows, or pass --skip-invalid (skip_invalid=true) to load the others."


def test_a_block_that_does_not_say_its_level_is_refused_naming_its_cell(tmp_path):
    rows = [
        ["Uraian", "Indikator Kinerja", "Target 2025"],
        ["Tujuan: Meningkatnya Koperasi", "Persentase Koperasi Sehat", 44],
        ["Meningkatnya Koperasi Aktif", "Persentase Koperasi Aktif", 60],
        [None, "Jumlah Koperasi", 10],
    ]
    report = _refusal(write_xlsx(tmp_path / "b.xlsx", rows, title="Cascading"))
    assert report.problems == [
        f"{tmp_path / 'b.xlsx'}, sheet Cascading, row 3, column A (Uraian): 'Meningkatnya Koperasi Aktif' does not say "
        "its level: write it as 'Tujuan: ...', 'Sasaran: ...', 'Program: ...', 'Kegiatan: ...' or 'Sub Kegiatan: ...'",
        f"{tmp_path / 'b.xlsx'}, sheet Cascading, row 4: this row continues the block of row 3, which has problems",
    ]


def _sipd(tmp_path, change):
    data = json.loads((EXAMPLES / "layouts" / "sipd-renstra.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "sipd.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_sipd_row_whose_parent_is_missing_names_its_list_row_and_field(tmp_path):
    def orphan(data):
        data["renstra_sasaran"][0]["kode_tujuan"] = "tidak-ada"

    report = _refusal(_sipd(tmp_path, orphan), LAYOUTS[3].options)
    assert report.problems[0] == (
        f"{tmp_path / 'sipd.json'}, sheet renstra_sasaran, row 1, column kode_tujuan: "
        "parent missing: no renstra_tujuan row with id_unik 'tidak-ada'"
    )


def test_a_sipd_target_that_is_not_a_number_names_its_field(tmp_path):
    def wordy(data):
        data["renstra_program"][1]["target_3"] = "meningkat"

    report = _refusal(_sipd(tmp_path, wordy), LAYOUTS[3].options)
    first, *hanging = report.problems
    assert (
        first == f"{tmp_path / 'sipd.json'}, sheet renstra_program, row 2, column target_3: 'meningkat' is not a number"
    )
    assert hanging and all(p.endswith(") has problems") for p in hanging)  # what hangs from it


def test_a_json_file_that_is_neither_a_cascade_nor_sipd_lists_says_what_it_lacks(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"data": []}', encoding="utf-8")
    report = _refusal(path)
    assert any("required field is missing" in p for p in report.problems)


def test_a_negative_pagu_is_refused_naming_its_cell(tmp_path):
    sheet = write_csv(
        tmp_path / "s.csv", [["Sasaran", "Kode", "Program", "Indikator", "Pagu 2025"], ["S", "2.17.04", "P", "I", "-5"]]
    )
    assert _refusal(sheet).problems == [
        f"{sheet}, row 2, column E (Pagu 2025): '-5' is negative: a pagu is an amount of Rupiah"
    ]


def test_what_the_cascade_model_refuses_is_a_problem_of_the_row_it_came_from(tmp_path):
    name = "Persentase " + "x" * 2000
    sheet = write_csv(tmp_path / "s.csv", [["Sasaran", "Indikator"], ["S", name]])
    report = _refusal(sheet)
    assert report.problems == [f"{sheet}:2: indicator {name[:60]!r}: name: String should have at most 2000 characters"]
    assert report.hint.startswith("Fix these rows")
