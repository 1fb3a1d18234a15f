"""Reading planners' spreadsheets: the Renstra table and the cascading matrix, as they come.

The example files are made by scripts/make_renstra_examples.py (see its docstring for what each
holds); these tests read them without a database.
"""

from __future__ import annotations

import csv
from collections import Counter

import openpyxl
import pytest

from lineage.cascade.model import ElementKind, Polarity
from lineage.importers import ImportOptions, ImportRefused, import_source
from tests.support.paths import EXAMPLES, RPJMD, WORKBOOK

KOPERASI = "kota-makassar-dinas-koperasi-dan-ukm-2025-2029"
PERDAGANGAN = "kota-makassar-dinas-perdagangan-2025-2029"


def _by_id(imported):
    return {c.id: c for c in imported.cascades}


def test_the_renstra_workbook_gives_the_region_goals_and_one_cascade_per_agency():
    imported = import_source(str(WORKBOOK))
    cascades = _by_id(imported)
    assert list(cascades) == [RPJMD, KOPERASI, PERDAGANGAN]
    counts = {c.id: dict(c.elements) for c in imported.report.cascades}
    assert counts == {
        RPJMD: {ElementKind.mayor_goal: 2},
        KOPERASI: {
            ElementKind.agency_target: 2,
            ElementKind.program: 5,
            ElementKind.kegiatan: 5,
            ElementKind.sub_kegiatan: 9,
        },
        PERDAGANGAN: {
            ElementKind.agency_target: 2,
            ElementKind.program: 3,
            ElementKind.kegiatan: 3,
            ElementKind.sub_kegiatan: 6,
        },
    }
    assert [len(c.indicators) for c in cascades.values()] == [2, 22, 14]
    assert {c.agency for c in cascades.values()} == {
        "RPJMD Kota Makassar",
        "Dinas Koperasi dan UKM",
        "Dinas Perdagangan",
    }
    assert {str(c.period) for c in cascades.values()} == {"2025-2029"}


def test_both_agencies_targets_serve_the_same_goals_across_cascades():
    cascades = _by_id(import_source(str(WORKBOOK)))
    goals = {e.id: e.name for e in cascades[RPJMD].elements}
    serving = {
        (c, e.name): e.external_parent
        for c in (KOPERASI, PERDAGANGAN)
        for e in cascades[c].elements
        if e.kind is ElementKind.agency_target
    }
    assert goals == {
        "tujuan-1": "Meningkatnya Daya Beli Masyarakat",
        "tujuan-2": "Tersedianya Kemudahan Akses Peluang Kerja dan Peluang Bisnis Baru",
    }
    assert serving == {
        (KOPERASI, "Meningkatnya Lembaga Koperasi yang Sehat"): f"{RPJMD}:tujuan-1",
        (KOPERASI, "Meningkatnya Usaha Mikro yang Berkualitas"): f"{RPJMD}:tujuan-2",
        (PERDAGANGAN, "Terjaganya Stabilitas Harga Barang Kebutuhan Pokok"): f"{RPJMD}:tujuan-1",
        (PERDAGANGAN, "Meningkatnya Kualitas Sarana Distribusi Perdagangan"): f"{RPJMD}:tujuan-2",
    }


def test_nesting_comes_from_the_code_prefixes():
    cascade = _by_id(import_source(str(WORKBOOK)))[KOPERASI]
    parent = {e.id: e.parent for e in cascade.elements}
    assert parent["subkegiatan-2.17.04.2.01.0001"] == "kegiatan-2.17.04.2.01"
    assert parent["kegiatan-2.17.04.2.01"] == "program-2.17.04"
    assert parent["program-2.17.04"] == "sasaran-1"


def test_targets_budgets_baseline_polarity_and_owner_are_read_from_both_header_styles():
    cascades = _by_id(import_source(str(WORKBOOK)))
    # sheet 1: official three-row merged header ("Tahun 2025" over "Target | Rp")
    sub = next(e for e in cascades[KOPERASI].elements if e.id == "subkegiatan-2.17.04.2.01.0001")
    assert sub.budget == {2025: 250e6, 2026: 260e6, 2027: 270e6, 2028: 280e6, 2029: 290e6}
    program = next(e for e in cascades[KOPERASI].elements if e.id == "program-2.17.04")
    assert program.budget[2025] == 250e6 + 75e6  # the sum of its sub kegiatan, as the sheet says
    owners = {p.id: (p.tier.value, p.name) for p in cascades[KOPERASI].positions}
    assert owners[sub.owner] == ("staff", "JAFUNG/STAF, Bidang Kelembagaan Koperasi")
    ind = next(i for i in cascades[KOPERASI].indicators if i.measures == "sasaran-1")
    assert (ind.name, ind.unit, ind.baseline.value, ind.polarity) == (
        "Persentase Koperasi Sehat",
        "%",
        41.0,
        Polarity.higher,
    )
    assert {y: m.value for y, m in ind.targets.items()} == {2025: 44, 2026: 47, 2027: 50, 2028: 53, 2029: 56}
    # sheet 2: capitals, one header row ("TARGET 2025", "PAGU 2025 (Rp)"), "SIFAT INDIKATOR"
    prices = next(i for i in cascades[PERDAGANGAN].indicators if i.name.startswith("Koefisien Variasi"))
    assert prices.polarity is Polarity.lower and prices.targets[2029].value == 6.5


def test_the_goal_indicators_both_sheets_repeat_are_read_once():
    goals = _by_id(import_source(str(WORKBOOK)))[RPJMD]
    assert [(i.name, i.polarity) for i in goals.indicators] == [
        ("Pendapatan Perkapita", Polarity.higher),
        ("Tingkat Pengangguran Terbuka", Polarity.lower),
    ]


def test_total_rows_are_left_out_and_reported():
    report = import_source(str(WORKBOOK)).report
    assert [(r.sheet, r.row, r.reasons) for r in report.skipped] == [
        ("Dinas Koperasi UKM", 34, ["a total row ('JUMLAH' in column D): left out"]),
        ("Dinas Perdagangan", 23, ["a total row ('JUMLAH' in column D): left out"]),
    ]


@pytest.mark.parametrize("column", ["Indikator", "Penanggung Jawab"])
def test_a_signature_below_the_table_is_not_read_as_more_rows_of_the_last_box_and_is_reported(column):
    """Official tables end with a blank row and the signature ("Makassar, 2 Januari 2025",
    "KEPALA DINAS ...", "NIP. ..."): under Indikator its lines became indicators of the last sub
    kegiatan; under Penanggung Jawab they were dropped without a word."""
    matrix = (EXAMPLES / "matrix-koperasi-2025.csv").read_text(encoding="utf-8").rstrip("\n")
    header = matrix.splitlines()[2].split(";")
    signature = ["Makassar, 2 Januari 2025", "KEPALA DINAS KOPERASI DAN UKM", "NIP. 19750101 200003 1 001"]
    rows = [["" if c != header.index(column) else line for c in range(len(header))] for line in ["", *signature]]
    signed = matrix + "\n" + "\n".join(";".join(row) for row in rows) + "\n"

    imported = import_source("matriks.csv", signed.encode())

    (plain,) = import_source("matriks.csv", (matrix + "\n").encode()).cascades
    assert imported.cascades == [plain]
    assert [(r.row, r.reasons) for r in imported.report.skipped] == [
        (row, ["this row names no level and follows a blank row: not read as part of the table above"])
        for row in (11, 12, 13)
    ]


def test_a_signature_below_a_block_layout_is_not_read_as_indicators_of_the_last_block(tmp_path):
    book = openpyxl.load_workbook(EXAMPLES / "layouts" / "blocks.xlsx")
    sheet = book.active
    last = sheet.max_row
    lines = ["Takalar, 2 Januari 2025", "KEPALA DINAS KOPERASI DAN UKM", "NIP. 19750101 200003 1 001"]
    for n, line in enumerate(lines, 2):
        sheet.cell(row=last + n, column=3, value=line)
    signed = tmp_path / "blocks.xlsx"
    book.save(signed)

    imported = import_source(str(signed))

    (plain,) = import_source(str(EXAMPLES / "layouts" / "blocks.xlsx")).cascades
    assert [(c.elements, c.indicators) for c in imported.cascades] == [(plain.elements, plain.indicators)]
    below = [(r.row, r.reasons) for r in imported.report.skipped if r.row and r.row > last]
    assert below == [
        (row, ["this row names no level and follows a blank row: not read as part of the table above"])
        for row in range(last + 2, last + 5)
    ]


def test_a_box_given_another_responsible_unit_in_a_later_row_is_refused_like_another_pagu():
    """The later row's Penanggung Jawab was dropped without a word, where a differing pagu, goal
    or RPJMD sasaran is refused."""
    matrix = (EXAMPLES / "matrix-koperasi-2025.csv").read_text(encoding="utf-8").rstrip("\n")
    *rows, last = matrix.splitlines()
    assert last.startswith(";;;;;;;;Jumlah Temuan Pelanggaran Koperasi;") and last.endswith(";")
    with pytest.raises(ImportRefused) as refused:
        import_source("matriks.csv", "\n".join([*rows, last + "Seksi Lain"]).encode())
    assert refused.value.report.problems == [
        "matriks.csv:9: the responsible unit of sub kegiatan 2.17.03.2.01.0001 is 'Seksi Lain' here but "
        "'Seksi Pengawasan' above"
    ]


def test_the_matrix_layout_reads_levels_manual_fields_and_realisations():
    (cascade,) = import_source(str(EXAMPLES / "matrix-koperasi-2025.csv")).cascades
    kinds = Counter(e.kind for e in cascade.elements)
    # one agency: its tujuan is its own goal (Tujuan PD), not the region's
    assert kinds == {k: 1 for k in ElementKind if k is not ElementKind.mayor_goal}
    sasaran = next(i for i in cascade.indicators if i.measures == "sasaran-1")
    assert (sasaran.type.value, sasaran.definition, sasaran.formula, sasaran.data_source, sasaran.frequency) == (
        "outcome",
        "Koperasi sehat dibagi koperasi aktif",
        "(koperasi sehat / koperasi aktif) x 100",
        "Laporan RAT",
        "Tahunan",
    )
    goal = next(i for i in cascade.indicators if i.measures == "tujuan-1")
    assert goal.baseline.value == 98.2 and goal.targets[2025].value == 101.5  # "98,2", "101,5"
    findings = next(i for i in cascade.indicators if i.name == "Jumlah Temuan Pelanggaran Koperasi")
    assert findings.measures == "subkegiatan-2.17.03.2.01.0001"  # a row naming no level: the node above
    assert findings.polarity is Polarity.lower
    assert [(r.year, r.quarter, r.value) for r in findings.realisations] == [(2025, None, 28), (2025, 1, 8)]
    program = next(e for e in cascade.elements if e.kind is ElementKind.program)
    assert program.budget == {2025: 1_150_000_000}  # "1.150.000.000"


def test_a_broken_sheet_is_refused_naming_each_bad_row():
    with pytest.raises(ImportRefused) as refused:
        import_source(str(EXAMPLES / "renstra-rusak.xlsx"))
    problems = refused.value.report.problems
    prefix = f"{EXAMPLES / 'renstra-rusak.xlsx'}, sheet Renstra"
    assert problems == [
        f"{prefix}, row 8, column C (Kode): code '2.17.03.2' has 4 parts; a program code has 3 (2.17.04), "
        "a kegiatan 5 (2.17.04.2.01), a sub kegiatan 6 (2.17.04.2.01.0001)",
        f"{prefix}, row 9, column C (Kode): '2.17.O4' is not a code (dot-separated digits, such as 2.17.04.2.01)",
        f"{prefix}, row 10, column C (Kode): parent missing: no program 2.17.09 above kegiatan 2.17.09.2.01",
        f"{prefix}, row 11, column I (Target 2026): 'seratus dua puluh' is not a number",
        f"{prefix}, row 12, column C (Kode): its parent (row 11) has problems",
    ]


def test_skipping_invalid_rows_keeps_the_others_and_reports_the_skipped():
    imported = import_source(str(EXAMPLES / "renstra-rusak.xlsx"), options=ImportOptions(skip_invalid=True))
    assert [r.row for r in imported.report.skipped] == [8, 9, 10, 11, 12]
    (cascade,) = imported.cascades
    assert [e.id for e in cascade.elements] == ["tujuan-1", "sasaran-1", "program-2.17.03"]


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)


def test_headers_no_wording_matches_can_be_mapped_by_the_user(tmp_path):
    sheet = tmp_path / "ringkas.csv"
    _write_csv(
        sheet,
        [
            ["Sasaran", "Kode", "Program/Kegiatan", "Ukuran Keberhasilan", "Nilai 2025"],
            ["Koperasi Sehat", "", "", "Persentase Koperasi Sehat", "44"],
            ["", "2.17.04", "Program Penilaian Kesehatan", "Persentase KSP Sehat", "38"],
        ],
    )
    options = ImportOptions(agency="Dinas Koperasi", region="Kota Contoh")
    with pytest.raises(ImportRefused) as refused:
        import_source(str(sheet), options=options)
    assert "map the headers" in refused.value.report.problems[0]
    mapped = options.model_copy(update={"mapping": {"Ukuran Keberhasilan": "indicator", "nilai 2025": "target:2025"}})
    (cascade,) = import_source(str(sheet), options=mapped).cascades
    assert [(i.name, i.targets[2025].value) for i in cascade.indicators] == [
        ("Persentase Koperasi Sehat", 44),
        ("Persentase KSP Sehat", 38),
    ]
    assert str(cascade.period) == "2025"


def test_a_mapping_to_an_unknown_field_is_refused(tmp_path):
    with pytest.raises(ImportRefused) as refused:
        import_source(str(WORKBOOK), options=ImportOptions(mapping={"Kode": "kodee"}))
    assert "unknown field" in refused.value.report.problems[0]


def test_the_table_exports_give_the_same_cascades_as_the_workbook():
    from_sheet = import_source(str(WORKBOOK)).cascades
    for source in ("renstra-makassar-2025-2029-tables", "renstra-makassar-2025-2029.sql"):
        from_tables = import_source(str(EXAMPLES / source)).cascades
        assert [c.model_dump(exclude={"source"}) for c in from_tables] == [
            c.model_dump(exclude={"source"}) for c in from_sheet
        ]


def test_a_sql_dump_with_a_dangling_foreign_key_names_table_and_line(tmp_path):
    text = (EXAMPLES / "renstra-makassar-2025-2029.sql").read_text(encoding="utf-8")
    first_kegiatan = "INSERT INTO `kegiatan` VALUES\n(1,1,"
    assert first_kegiatan in text
    broken = tmp_path / "dump.sql"
    broken.write_text(text.replace(first_kegiatan, "INSERT INTO `kegiatan` VALUES\n(1,99,"), encoding="utf-8")
    line = broken.read_text(encoding="utf-8").splitlines().index("INSERT INTO `kegiatan` VALUES") + 2
    with pytest.raises(ImportRefused) as refused:
        import_source(str(broken))
    assert (
        refused.value.report.problems[0]
        == f"{broken}, sheet kegiatan, row {line}, column program_id: parent missing: no program with id 99"
    )


def test_a_cascade_file_may_not_point_across_into_itself():
    from lineage.cascade import CascadeFileError, parse_cascade

    text = """
format: lineage.cascade/1
id: a
agency: A
region: R
period: 2025
elements:
  - {id: g, kind: mayor_goal, name: G}
  - {id: s, kind: agency_target, name: S, external_parent: "a:g"}
"""
    with pytest.raises(CascadeFileError) as refused:
        parse_cascade(text, "a.yaml")
    assert [str(p) for p in refused.value.problems] == [
        "a.yaml:9: elements[1].external_parent: points into this cascade; use `parent` for an element of the same cascade"
    ]


def test_a_dump_written_with_replace_into_gives_the_cascades_insert_into_gives():
    """`mysqldump --replace` writes REPLACE INTO: its rows were skipped without a word, and the
    import failed on the parents they held ("no sasaran with id 1")."""
    dump = (EXAMPLES / "renstra-makassar-2025-2029.sql").read_text(encoding="utf-8")
    assert dump.count("INSERT INTO `") == 11
    replaced = dump.replace("INSERT INTO `", "REPLACE INTO `")
    expected = import_source("renstra.sql", dump.encode()).cascades
    assert import_source("renstra.sql", replaced.encode()).cascades == expected


def test_a_postgresql_copy_block_is_refused_naming_its_line_and_the_dump_to_make_instead():
    """pg_dump writes rows as COPY ... FROM stdin unless told --inserts: they were skipped without a
    word, and the import failed on the parents they held."""
    dump = (EXAMPLES / "renstra-makassar-2025-2029.sql").read_text(encoding="utf-8")
    rows = "INSERT INTO `tujuan` VALUES\n(1,'Meningkatnya Daya Beli Masyarakat'),\n"
    assert rows in dump
    line = dump[: dump.index(rows)].count("\n") + 1
    copied = dump.replace(
        rows, "COPY public.tujuan (id, nama) FROM stdin;\n1\tMeningkatnya Daya Beli Masyarakat\n\\.\n"
    )
    with pytest.raises(ImportRefused) as refused:
        import_source("renstra.sql", copied.encode())
    assert refused.value.report.problems == [
        f"renstra.sql:{line}: COPY tujuan FROM stdin (PostgreSQL's rows) is not read: dump the database with "
        "`pg_dump --inserts`"
    ]
