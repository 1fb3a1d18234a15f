"""Checking a source before loading it, offline, for every format the import reads: the audit of
a sheet, a folder of CSV tables or SIPD lists finds what the database audit finds once it is
loaded, and a source converted to the cascade format loads to the very graph its import loads."""

from __future__ import annotations

import json

import pytest

from lineage.audit.database import audit_database
from lineage.cascade import parse_cascade
from lineage.cli import main as lineage
from lineage.importers import ImportOptions, ImportRefused, import_source, load_imported
from lineage.importers.check import audit_source, convert_source
from lineage.loader import load_cascade
from lineage.sources import Source
from tests.support.graph_state import content_fingerprint, erase
from tests.support.layouts import LAYOUTS
from tests.support.paths import EXAMPLES, WORKBOOK

TAKALAR = ImportOptions(region="Kabupaten Takalar")
SOURCES = [
    pytest.param(str(WORKBOOK), ImportOptions(), id="xlsx workbook of two agencies"),
    pytest.param(str(EXAMPLES / "renstra-makassar-2025-2029-tables"), ImportOptions(), id="folder of CSV tables"),
    pytest.param(str(EXAMPLES / "layouts" / "sipd-renstra.json"), TAKALAR, id="SIPD lists"),
]


@pytest.mark.parametrize(("source", "options"), SOURCES)
def test_the_offline_audit_of_a_source_finds_what_the_database_audit_finds_once_it_is_loaded(
    graph, database, source, options
):
    offline = audit_source(source, options=options)
    load_imported(graph, import_source(source, options=options), database=database)

    in_database = audit_database(graph, database=database)

    by_cascade = {c.id for c in offline.cascades}
    assert {c.id for c in in_database.cascades} == by_cascade
    for cascade in by_cascade:
        assert [f for f in in_database.findings if f.cascade == cascade] == [
            f for f in offline.findings if f.cascade == cascade
        ]


def test_a_goal_the_agencies_of_the_same_workbook_serve_is_not_childless_offline():
    findings = audit_source(str(WORKBOOK)).findings
    assert not [f for f in findings if f.rule == "childless-element"]


@pytest.mark.parametrize(
    ("source", "options"),
    [pytest.param(layout.path, layout.options, id=layout.file) for layout in LAYOUTS]
    + [pytest.param(str(WORKBOOK), ImportOptions(), id="workbook of two agencies")],
)
def test_a_converted_source_loads_to_the_graph_its_import_loads(graph, database, source, options):
    load_imported(graph, import_source(source, options=options), database=database)
    imported = content_fingerprint(graph, database)
    erase(graph, database)

    for cascade, text in convert_source(source, options=options):
        assert parse_cascade(text, f"{cascade.id}.yaml") == cascade
        load_cascade(
            graph,
            parse_cascade(text, f"{cascade.id}.yaml"),
            source=Source.of(f"{cascade.id}.yaml", text.encode()),
            database=database,
        )

    assert content_fingerprint(graph, database) == imported


def test_checking_a_source_with_invalid_rows_refuses_it_as_the_import_does():
    with pytest.raises(ImportRefused) as audited:
        audit_source(str(EXAMPLES / "renstra-rusak.xlsx"))
    with pytest.raises(ImportRefused) as imported:
        import_source(str(EXAMPLES / "renstra-rusak.xlsx"))
    assert audited.value.report.problems == imported.value.report.problems


def test_a_cascade_file_with_a_cycle_is_audited_though_it_cannot_be_imported(tmp_path):
    text = """
format: lineage.cascade/1
id: c
agency: A
region: Kota B
period: 2025
elements:
  - {id: g, kind: agency_goal, name: G, parent: s}
  - {id: s, kind: agency_target, name: S, parent: g}
"""
    source = tmp_path / "c.yaml"
    source.write_text(text, encoding="utf-8")
    assert "cycle" in {f.rule for f in audit_source(str(source)).findings}
    with pytest.raises(ImportRefused):
        import_source(str(source))


def test_a_converted_file_is_headed_by_where_it_came_from_and_reads_back_equal():
    layout = LAYOUTS[1]
    ((cascade, text),) = convert_source(layout.path, options=layout.options)
    assert text.startswith(f"# Converted by `lineage convert` from {layout.path}.")
    assert parse_cascade(text, "x.yaml") == cascade


OFFLINE = {"NEO4J_URI": "bolt://127.0.0.1:9"}  # nothing listens there: a command that reached for Neo4j would fail


@pytest.mark.parametrize(
    ("source", "args"),
    [
        (str(WORKBOOK), []),
        (str(EXAMPLES / "renstra-makassar-2025-2029-tables"), []),
        (str(EXAMPLES / "layouts" / "sipd-renstra.json"), ["--region", "Kabupaten Takalar"]),
    ],
    ids=["xlsx", "csv folder", "sipd json"],
)
def test_lineage_validate_and_audit_read_every_format_offline(source, args, monkeypatch, capsys):
    for key, value in OFFLINE.items():
        monkeypatch.setenv(key, value)
    assert lineage(["validate", source, *args, "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["valid"] and verdict["report"]["cascades"]
    assert lineage(["audit", source, *args, "--json"]) == 0
    audited = json.loads(capsys.readouterr().out)
    options = ImportOptions(region="Kabupaten Takalar") if args else ImportOptions()
    assert [f["id"] for f in audited["findings"]] == [f.id for f in audit_source(source, options=options).findings]


def test_lineage_convert_writes_one_file_per_cascade_into_a_folder(tmp_path, capsys):
    assert lineage(["convert", str(WORKBOOK), "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "kota-makassar-dinas-koperasi-dan-ukm-2025-2029.yaml",
        "kota-makassar-dinas-perdagangan-2025-2029.yaml",
        "kota-makassar-rpjmd-2025-2029.yaml",
    ]
    assert lineage(["validate", str(tmp_path / "out" / "kota-makassar-rpjmd-2025-2029.yaml")]) == 0


def test_lineage_convert_of_several_cascades_without_a_folder_is_bad_usage(capsys):
    assert lineage(["convert", str(WORKBOOK)]) == 2
    assert "holds 3 cascades: give a folder" in capsys.readouterr().err


def test_lineage_validate_of_a_refused_sheet_names_its_rows_and_the_hint(capsys):
    assert lineage(["validate", str(EXAMPLES / "renstra-rusak.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "sheet Renstra, row 8, column C (Kode)" in err
    assert err.rstrip().endswith("Fix these rows, or pass --skip-invalid (skip_invalid=true) to load the others.")
