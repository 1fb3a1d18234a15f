"""Importing through the API and the CLI: POST /cascades behind the write token, `lineage import`;
the graph a table export gives is the workbook's; the API answers the lineage questions on it."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile

import openpyxl
import pytest

from lineage import importers
from lineage.cli import main as lineage
from tests.support.api_client import client_with_token
from tests.support.faults import claim_of_a_live_process
from tests.support.graph_state import PROVENANCE, counts, snapshot
from tests.support.limits import input_limits
from tests.support.paths import EXAMPLES, MAKASSAR, RPJMD, WORKBOOK

KOPERASI = "kota-makassar-dinas-koperasi-dan-ukm-2025-2029"
TOKEN = "token-uji"


@pytest.fixture
def client(graph, database, monkeypatch):
    with client_with_token(graph, database, monkeypatch, TOKEN) as client:
        yield client


def _upload(client, path, token=TOKEN, **form):
    with path.open("rb") as handle:
        return client.post(
            "/cascades",
            files={"file": (path.name, handle)},
            data=form,
            headers={"Authorization": f"Bearer {token}"} if token else {},
        )


def test_uploading_the_workbook_loads_its_cascades_and_reports_counts(client):
    answer = _upload(client, WORKBOOK, version="awal")
    assert answer.status_code == 201, answer.text
    report = answer.json()
    assert [c["id"] for c in report["cascades"]] == [RPJMD, KOPERASI, "kota-makassar-dinas-perdagangan-2025-2029"]
    assert report["cascades"][1]["indicators_by_kind"] == {
        "agency_target": 3,
        "program": 5,
        "kegiatan": 5,
        "sub_kegiatan": 9,
    }
    assert [c["id"] for c in client.get("/cascades", params={"agency": "Dinas Perdagangan"}).json()["items"]] == [
        "kota-makassar-dinas-perdagangan-2025-2029"
    ]


def test_an_upload_records_the_sha256_of_its_bytes_and_the_list_of_cascades_shows_it(client):
    digest = hashlib.sha256(WORKBOOK.read_bytes()).hexdigest()

    report = _upload(client, WORKBOOK).json()

    assert report["sha256"] == digest
    listed = client.get("/cascades").json()["items"]
    assert {(c["file"], c["sha256"]) for c in listed} == {(WORKBOOK.name, digest)}


def test_the_import_report_counts_each_cascade_in_the_shape_the_list_of_cascades_gives_it(client):
    reported = {c["id"]: c for c in _upload(client, WORKBOOK, version="awal").json()["cascades"]}
    listed = {c["id"]: c for c in client.get("/cascades").json()["items"]}
    assert reported.keys() == listed.keys()
    for cascade_id, report in reported.items():
        listing = listed[cascade_id]
        assert set(report) == set(listing)  # one model: the same members, whoever answers
        for member in ("agency", "region", "period", "version", "indicators"):
            assert report[member] == listing[member], (cascade_id, member)
        assert report["elements"] == {kind: n for kind, n in listing["elements"].items() if n}
        assert sum(report["indicators_by_kind"].values()) <= report["indicators"]


def test_the_lineage_questions_are_answered_on_the_imported_plan(client):
    _upload(client, WORKBOOK)
    found = client.get("/indicators", params={"q": "koperasi sehat"}).json()["items"]
    assert found[0]["id"] == f"{KOPERASI}:ik-sasaran-1-1"  # the closest name first
    detail = client.get(f"/indicators/{KOPERASI}:ik-sasaran-1-1").json()
    assert detail["agency"] == "Dinas Koperasi dan UKM" and detail["period"] == "2025-2029"
    assert [i["name"] for i in detail["contributes_to"]] == ["Pendapatan Perkapita"]
    down = client.get(f"/indicators/{KOPERASI}:ik-sasaran-1-1/contributors", params={"tier": "staff"}).json()
    assert down["total"] == 5  # the sub kegiatan of programs 2.17.03, .04, .05
    up = client.get(f"/indicators/{KOPERASI}:ik-subkegiatan-2.17.04.2.01.0002-1/contributes-to").json()
    assert [len(p) for p in up["paths"]] == [5]
    assert up["paths"][0][-1] == f"{RPJMD}:ik-tujuan-1-1"
    roots = client.get(f"/cascades/{RPJMD}/elements", params={"roots": True}).json()["items"]
    assert [b["name"] for b in roots] == [
        "Meningkatnya Daya Beli Masyarakat",
        "Tersedianya Kemudahan Akses Peluang Kerja dan Peluang Bisnis Baru",
    ]


def test_a_bad_upload_loads_nothing_and_names_each_bad_row(client, graph, database):
    answer = _upload(client, EXAMPLES / "renstra-rusak.xlsx")
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "import_refused"
    assert [p.split(", column")[0].rsplit(", ", 1)[1] for p in body["report"]["problems"]] == [
        "row 8",
        "row 9",
        "row 10",
        "row 11",
        "row 12",
    ]
    assert counts(graph, database) == {}


def test_uploading_needs_the_write_token(client, graph, database):
    assert _upload(client, WORKBOOK, token=None).status_code == 401
    assert _upload(client, WORKBOOK, token="wrong").status_code == 401
    assert counts(graph, database) == {}


def _graph_without_file_names(driver, database):
    """The graph, leaving out the Cascade nodes' record of which file they came from."""
    nodes, rels = snapshot(driver, database)
    keep = {(labels, tuple(p for p in props if p[0] not in {*PROVENANCE, "source"})) for labels, props in nodes}
    return keep, rels


@pytest.mark.parametrize("export", ["renstra-makassar-2025-2029-tables", "renstra-makassar-2025-2029.sql"])
def test_a_table_export_gives_the_graph_the_workbook_gives(graph, database, capsys, export):
    assert lineage(["import", str(WORKBOOK)]) == 0
    from_workbook = _graph_without_file_names(graph, database)
    graph.execute_query("MATCH (n) WHERE NOT n:LineageTestDatabase DETACH DELETE n", database_=database)
    assert lineage(["import", str(EXAMPLES / export)]) == 0
    assert _graph_without_file_names(graph, database) == from_workbook
    assert "kota-makassar-dinas-perdagangan-2025-2029" in capsys.readouterr().out


def test_lineage_import_refuses_a_bad_sheet_and_loads_nothing(graph, database, capsys):
    assert lineage(["import", str(EXAMPLES / "renstra-rusak.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "row 10, column C (Kode): parent missing: no program 2.17.09" in err and "nothing was loaded" in err
    assert counts(graph, database) == {}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_archive_that_inflates_beyond_the_limit_is_refused_before_it_is_inflated(client, graph, database):
    """The upload's size bounds what is sent, not what it inflates to (a zip bomb)."""
    row = b"1,Program Pengembangan UMKM,2.17.04\n"
    bomb = _zip(
        {"program.csv": b"id,nama,kode\n" + row * 60_000, "tujuan.csv": b"id,nama\n1,Tujuan\n"}
    )  # 2.1 MB in ~10 KB
    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)
    sheet_bomb = _zip(
        {
            **{n: zipfile.ZipFile(workbook).read(n) for n in zipfile.ZipFile(workbook).namelist()},
            "xl/media/filler.bin": b"\0" * 2 * 1024 * 1024,
        }
    )
    problems = {}
    for name, upload in (("opd.zip", bomb), ("renstra.xlsx", sheet_bomb)):
        assert len(upload) < 20_000
        with input_limits(LINEAGE_MAX_INFLATED_BYTES="1MiB"):
            answer = client.post(
                "/cascades", files={"file": (name, upload)}, headers={"Authorization": f"Bearer {TOKEN}"}
            )
        assert answer.status_code == 422
        (problems[name],) = answer.json()["report"]["problems"]
    assert problems == {
        "opd.zip": "opd.zip: its files inflate to 2.1 MiB (unzip it and import the folder: `lineage import FOLDER`); "
        "Lineage reads at most 1.0 MiB (LINEAGE_MAX_INFLATED_BYTES)",
        "renstra.xlsx": "renstra.xlsx: its files inflate to 2.0 MiB; Lineage reads at most 1.0 MiB (LINEAGE_MAX_INFLATED_BYTES)",
    }
    assert counts(graph, database) == {}


def test_a_zip_that_understates_a_files_size_is_refused_as_unreadable():
    archive = bytearray(_zip({"program.csv": b"id,nama\n" + b"1,Program\n" * 100_000}))
    for header, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local and central headers: "1 KB"
        struct.pack_into("<I", archive, archive.find(header) + size_at, 1024)
    with pytest.raises(importers.ImportRefused) as refused:
        importers.import_source("opd.zip", bytes(archive))
    assert refused.value.report.problems == ["opd.zip: not a readable .zip archive (Bad CRC-32 for file 'program.csv')"]


PERDAGANGAN = "kota-makassar-dinas-perdagangan-2025-2029"


def _another_process_loads(driver, database, cascade_id):
    """The claim another process's load of `cascade_id` holds on its Cascade node, as the loader makes it."""
    claim_of_a_live_process(driver, cascade_id, "load-of-another-process", database)


def _that_process_gave_up(driver, database, cascade_id):
    driver.execute_query(
        "MATCH (c:Cascade {id: $id}) WHERE c.active_load IS NULL DELETE c", id=cascade_id, database_=database
    )


def test_an_upload_whose_second_cascade_fails_says_which_were_loaded_and_a_retry_completes_it(client, graph, database):
    """An import of several cascades is not all or nothing (they cannot be unloaded once loaded):
    the error must say what is loaded, and sending the same file again must finish the job."""
    _another_process_loads(graph, database, KOPERASI)
    answer = _upload(client, WORKBOOK, version="awal")
    assert answer.status_code == 409
    body = answer.json()
    assert body["error"] == "import_incomplete"
    assert (body["loaded"], body["not_loaded"]) == ([RPJMD], [KOPERASI, PERDAGANGAN])
    assert (
        f"cascade '{KOPERASI}' could not be loaded: " in body["detail"]
        and "Importing the same source again" in body["detail"]
    )
    assert [c["id"] for c in client.get("/cascades").json()["items"]] == [RPJMD]

    _that_process_gave_up(graph, database, KOPERASI)
    assert _upload(client, WORKBOOK, version="awal").status_code == 201
    retried = snapshot(graph, database)
    graph.execute_query("MATCH (n) WHERE NOT n:LineageTestDatabase DETACH DELETE n", database_=database)
    assert _upload(client, WORKBOOK, version="awal").status_code == 201
    assert retried == snapshot(graph, database)


def test_an_upload_whose_first_cascade_fails_loads_nothing(client, graph, database):
    _another_process_loads(graph, database, RPJMD)
    answer = _upload(client, WORKBOOK)
    assert (answer.status_code, answer.json()["error"]) == (409, "load_in_progress")
    assert counts(graph, database) == {"Cascade": 1}  # the other process's claim, nothing of this upload


def test_lineage_import_names_the_cascades_it_loaded_before_a_failure(graph, database, capsys):
    _another_process_loads(graph, database, PERDAGANGAN)
    assert lineage(["import", str(WORKBOOK)]) == 1
    captured = capsys.readouterr()
    assert f"loaded {RPJMD}" in captured.out and f"loaded {KOPERASI}" in captured.out
    assert f"Loaded before it, and still loaded: {RPJMD}, {KOPERASI}; not loaded: {PERDAGANGAN}." in captured.err


def test_uploading_sipd_lists_loads_the_agency_and_reports_the_fields_not_read(client):
    answer = _upload(client, EXAMPLES / "layouts" / "sipd-renstra.json", region="Kabupaten Takalar")
    assert answer.status_code == 201, answer.text
    report = answer.json()
    assert (report["format"], [c["id"] for c in report["cascades"]]) == (
        "sipd",
        ["kabupaten-takalar-dinas-koperasi-dan-ukm-2025-2029"],
    )
    assert {"sheet": "renstra_program", "column": "is_locked", "header": "is_locked"}.items() <= next(
        c for c in report["columns_not_read"] if (c["sheet"], c["column"]) == ("renstra_program", "is_locked")
    ).items()
    cascade = "kabupaten-takalar-dinas-koperasi-dan-ukm-2025-2029"
    indicator = client.get(f"/indicators/{cascade}:ik-subkegiatan-2.17.03.2.01.0001-1").json()
    assert (indicator["name"], indicator["element"]["code"]) == (
        "Jumlah Koperasi yang Diperiksa Kepatuhannya",
        "2.17.03.2.01.0001",
    )


def test_an_upload_maps_a_column_by_its_letter(client, tmp_path):
    sheet = tmp_path / "ringkas.csv"
    sheet.write_text("Sasaran,No. Prog,Program,Indikator\nS,2.17.04,P,Persentase KSP Sehat\n", encoding="utf-8")
    answer = _upload(
        client, sheet, agency="Dinas Koperasi", region="Kota Makassar", period="2025", mapping='{"B": "program.code"}'
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["columns_not_read"] == []
    indicator = client.get("/indicators/kota-makassar-dinas-koperasi-2025-2025:ik-program-2.17.04-1").json()
    assert (indicator["name"], indicator["element"]["code"]) == ("Persentase KSP Sehat", "2.17.04")


@pytest.mark.parametrize("mapping", ['{"B": 2}', '{"B": ["program.code"]}', '{"B": null}'])
def test_a_mapping_whose_field_is_not_text_is_refused_and_nothing_is_loaded(client, graph, database, tmp_path, mapping):
    """A number, list or null as the field was a 500 (the options' model refused it unhandled)."""
    sheet = tmp_path / "ringkas.csv"
    sheet.write_text("Sasaran,No. Prog,Program,Indikator\nS,2.17.04,P,Persentase KSP Sehat\n", encoding="utf-8")
    before = snapshot(graph, database)
    answer = _upload(client, sheet, region="Kota Makassar", period="2025", mapping=mapping)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "import_refused"
    assert answer.json()["report"]["problems"] == [
        'mapping: not a JSON object of header (or column letter) -> field, e.g. {"Nilai 2025": "target:2025"}'
    ]
    assert snapshot(graph, database) == before


@pytest.mark.parametrize("name", ["a\x1b[31mmerah.yaml", "renstra\u202egnp.yaml"])
def test_an_upload_whose_file_name_holds_a_control_character_is_refused_and_nothing_is_loaded(
    client, graph, database, name
):
    """The name was kept as the cascade's `file` and reached terminals and pages: refused as the
    names of files in a zip are (docs/limits.md)."""
    before = snapshot(graph, database)
    answer = client.post(
        "/cascades",
        files={"file": (name, MAKASSAR.read_bytes())},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status_code == 422, answer.text
    (problem,) = answer.json()["report"]["problems"]
    assert "the file's name holds the character U+" in problem
    assert snapshot(graph, database) == before


def test_lineage_import_refuses_a_file_whose_name_holds_a_control_character(tmp_path, capsys):
    named = tmp_path / "a\x1b[31mmerah.csv"
    named.write_bytes((EXAMPLES / "matrix-koperasi-2025.csv").read_bytes())
    assert lineage(["validate", str(named)]) == 1
    assert "the file's name holds the character U+001B" in capsys.readouterr().err
