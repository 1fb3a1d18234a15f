"""No column left behind: every column of a sheet's header is read into a named field or listed
in the report as not read, with its letter, header and why; two columns giving one field are
refused; columns are mapped by header text or by letter."""

from __future__ import annotations

from dataclasses import fields

import pytest

from lineage.cascade.model import ElementKind, Indicator
from lineage.importers import ImportOptions, ImportRefused, import_source
from lineage.importers.headers import MANUAL
from lineage.importers.plan import PlanIndicator
from tests.support.sheets import write_csv, write_xlsx

CONTEXT = ImportOptions(agency="Dinas Koperasi", region="Kabupaten Gowa", period="2025-2029")
HEADER = ["Sasaran", "Kode", "Program", "Indikator", "Target 2025"]
ROWS = [
    ["Koperasi Sehat", None, None, "Persentase Koperasi Sehat", "44"],
    [None, "2.17.04", "Program Penilaian Kesehatan", "Persentase KSP Sehat", "38"],
]


def _not_read(report):
    return [(c.column, c.header, c.reason) for c in report.columns_not_read]


def test_a_column_the_importer_cannot_place_is_listed_with_its_letter_and_header(tmp_path):
    sheet = write_csv(tmp_path / "m.csv", [[*HEADER, "Ukuran Keberhasilan"], *[[*r, "x"] for r in ROWS]])
    report = import_source(str(sheet), options=CONTEXT).report
    assert _not_read(report) == [("F", "Ukuran Keberhasilan", "no known wording")]


def test_the_nearest_known_wording_is_offered_for_a_header_nothing_matches(tmp_path):
    sheet = write_csv(tmp_path / "m.csv", [[*HEADER, "Satuann"], *[[*r, "%"] for r in ROWS]])
    (column,) = import_source(str(sheet), options=CONTEXT).report.columns_not_read
    assert column.reason == "no known wording; nearest known wording 'Satuan' (unit)"


def test_columns_left_out_on_purpose_are_listed_too(tmp_path):
    sheet = write_csv(
        tmp_path / "m.csv", [["No", *HEADER, "Lokasi"], *[[n, *r, "Gowa"] for n, r in enumerate(ROWS, 1)]]
    )
    assert _not_read(import_source(str(sheet), options=CONTEXT).report) == [
        ("A", "No", "left out: row numbering"),
        ("G", "Lokasi", "left out: a location is not part of the cascade"),
    ]


def test_values_in_a_column_without_header_are_reported(tmp_path):
    sheet = write_csv(tmp_path / "m.csv", [[*HEADER, None], [*ROWS[0], "catatan"], [*ROWS[1], None]])
    assert _not_read(import_source(str(sheet), options=CONTEXT).report) == [
        ("F", "", "values in 1 row(s) but no header")
    ]


def test_a_level_field_without_its_level_column_is_reported_not_dropped(tmp_path):
    sheet = write_csv(tmp_path / "m.csv", [[*HEADER, "Indikator Kegiatan"], *[[*r, "x"] for r in ROWS]])
    assert _not_read(import_source(str(sheet), options=CONTEXT).report) == [
        ("F", "Indikator Kegiatan", "a kegiatan indicator, but the sheet has no kegiatan column")
    ]


def test_two_columns_giving_the_same_field_are_refused_naming_both(tmp_path):
    sheet = write_csv(tmp_path / "m.csv", [[*HEADER, "Indikator Kinerja"], *[[*r, "y"] for r in ROWS]])
    with pytest.raises(ImportRefused) as refused:
        import_source(str(sheet), options=CONTEXT)
    assert refused.value.report.problems == [
        f"{sheet}:1: columns D (Indikator) and F (Indikator Kinerja) both give indicator; "
        "map the one meant otherwise (--map F=FIELD, or --map F=ignore)"
    ]
    assert refused.value.report.hint.startswith("Map the columns")
    mapped = CONTEXT.model_copy(update={"mapping": {"F": "ignore"}})
    assert import_source(str(sheet), options=mapped).report.columns_not_read[0].reason == "left out, as mapped (ignore)"


def test_one_indicator_column_per_level_puts_each_indicator_on_its_own_level(tmp_path):
    """The issue's matrix: the sub kegiatan once got the tujuan's indicator and the others were dropped."""
    header = ["Tujuan", "Indikator Tujuan", "Sasaran", "Indikator Sasaran", "Program", "Sasaran Program"]
    header += ["Indikator Program", "Kegiatan", "Indikator Kegiatan", "Sub Kegiatan", "Indikator Sub Kegiatan"]
    row = ["T", "IT", "S", "IS", "P", "SP", "IP", "K", "IK", "SK", "ISK"]
    (cascade,) = import_source(str(write_csv(tmp_path / "m.csv", [header, row])), options=CONTEXT).cascades
    kinds = {e.id: e.kind for e in cascade.elements}
    assert {(kinds[i.measures], i.name) for i in cascade.indicators} == {
        (ElementKind.agency_goal, "IT"),
        (ElementKind.agency_target, "IS"),
        (ElementKind.program, "IP"),
        (ElementKind.kegiatan, "IK"),
        (ElementKind.sub_kegiatan, "ISK"),
    }
    assert next(e.note for e in cascade.elements if e.kind is ElementKind.program) == "SP"


def test_a_kode_column_beside_each_level_is_that_levels_code(tmp_path):
    header = ["Sasaran", "Kode", "Program", "Kode", "Kegiatan", "Indikator"]
    rows = [header, ["S", "2.17.04", "P", "2.17.04.2.01", "K", "I"]]
    (cascade,) = import_source(str(write_csv(tmp_path / "m.csv", rows)), options=CONTEXT).cascades
    assert {e.kind: e.code for e in cascade.elements if e.code} == {
        ElementKind.program: "2.17.04",
        ElementKind.kegiatan: "2.17.04.2.01",
    }


def test_a_column_is_mapped_by_its_letter(tmp_path):
    rows = [["Sasaran", "No. Prog", "Program", "Indikator"], ["S", "2.17.04", "P", "I"]]
    sheet = write_csv(tmp_path / "m.csv", rows)
    assert import_source(str(sheet), options=CONTEXT).report.columns_not_read[0].column == "B"
    mapped = CONTEXT.model_copy(update={"mapping": {"B": "program.code"}})
    (cascade,) = import_source(str(sheet), options=mapped).cascades
    assert [e.id for e in cascade.elements] == ["sasaran-1", "program-2.17.04"]


def test_a_mapping_to_an_unknown_field_names_the_fields_there_are(tmp_path):
    with pytest.raises(ImportRefused) as refused:
        import_source(
            str(write_csv(tmp_path / "m.csv", [HEADER, *ROWS])),
            options=CONTEXT.model_copy(update={"mapping": {"C": "programme.code"}}),
        )
    assert "unknown field" in refused.value.report.problems[0] and "program.code" in refused.value.report.problems[0]


def test_pagu_indikatif_takes_its_year_from_the_merged_cell_above_it(tmp_path):
    rows = [
        ["DINAS KOPERASI DAN UKM KABUPATEN GOWA"],
        [None, None, None, None, "2026", None],
        ["Sasaran", "Kode", "Program", "Indikator", "Target", "Pagu Indikatif (Rp)"],
        ["S", None, None, "IS", 44, None],
        [None, "2.17.04", "P", "IP", 38, 1_500_000],
    ]
    sheet = write_xlsx(tmp_path / "r.xlsx", rows, merged=["E2:F2"])
    (cascade,) = import_source(str(sheet), options=ImportOptions(period="2026")).cascades
    program = next(e for e in cascade.elements if e.kind is ElementKind.program)
    assert program.budget == {2026: 1_500_000}
    assert next(i for i in cascade.indicators if i.name == "IP").targets[2026].value == 38


def test_a_yearly_column_without_a_year_says_so_and_how_to_map_it(tmp_path):
    rows = [["Sasaran", "Indikator", "Target 2025", "Pagu Indikatif (Rp)"], ["S", "I", 1, 5]]
    report = import_source(str(write_csv(tmp_path / "m.csv", rows)), options=CONTEXT).report
    assert _not_read(report) == [
        (
            "D",
            "Pagu Indikatif (Rp)",
            'budget without a year; write it in the header ("Pagu Indikatif (Rp) 2025") or map it (--map D=budget:2025)',
        )
    ]


def test_the_indicator_manual_columns_are_fields_the_plan_and_the_cascade_model_both_declare():
    """A manual field a column holds reaches the model by its name (importers.to_cascade)."""
    assert set(MANUAL) <= set(Indicator.model_fields)
    assert set(MANUAL) <= {f.name for f in fields(PlanIndicator)}
