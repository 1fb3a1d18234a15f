"""`lineage diff` and GET /cascades/{id}/diff: what changed between two versions of a cascade.

The revised workbook (scripts/make_renstra_examples.py, `revised`) makes exactly one change of
each kind; the diff must find each, and nothing else.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app
from lineage.cli import main as lineage
from lineage.importers import ImportOptions, import_source, load_imported
from lineage.settings import REPO_ROOT

EXAMPLES = REPO_ROOT / "data" / "examples"
KOPERASI = "kota-makassar-dinas-koperasi-dan-ukm-2025-2029"
PERDAGANGAN = "kota-makassar-dinas-perdagangan-2025-2029"


def _load_both(graph, database):
    for name, version in (("renstra-makassar-2025-2029.xlsx", "awal"), ("renstra-makassar-2025-2029-v2.xlsx", "perubahan")):
        load_imported(graph, import_source(str(EXAMPLES / name), options=ImportOptions(version=version)), database=database)


def test_the_diff_lists_each_kind_of_change(graph, database):
    _load_both(graph, database)
    with TestClient(create_app(graph, database)) as client:
        koperasi = client.get(f"/cascades/{KOPERASI}/diff", params={"against": "awal"}).json()
        perdagangan = client.get(f"/cascades/{PERDAGANGAN}/diff", params={"against": "awal"}).json()

    assert [i["name"] for i in koperasi["added"]] == ["Jumlah Usaha Mikro yang Memasarkan Produk secara Daring"]
    assert [(r["old"]["name"], r["new"]["name"]) for r in koperasi["renamed"]] == [
        ("Persentase Koperasi Sehat", "Persentase Koperasi yang Sehat")]
    assert [(r["new"]["name"], r["old_parent"], r["new_parent"]) for r in koperasi["reparented"]] == [
        ("Persentase SDM Koperasi yang Mendapat Pendidikan dan Pelatihan",
         "2.17.05 under Meningkatnya Lembaga Koperasi yang Sehat", "2.17.05 under Meningkatnya Usaha Mikro yang Berkualitas")]
    assert koperasi["removed"] == [] and koperasi["targets_changed"] == []
    assert koperasi["unchanged"] == 20

    assert [i["name"] for i in perdagangan["removed"]] == ["Jumlah Pengawasan UTTP dan Barang Dalam Keadaan Terbungkus"]
    assert [(t["indicator"]["name"], [(c["year"], c["old"], c["new"]) for c in t["changes"]])
            for t in perdagangan["targets_changed"]] == [
        ("Jumlah Operasi Pasar yang Dilaksanakan", [(2025, 12, 14), (2026, 12, 14), (2027, 14, 16), (2028, 14, 16), (2029, 16, 18)])]
    assert perdagangan["added"] == perdagangan["renamed"] == perdagangan["reparented"] == []


def test_lineage_diff_prints_the_changes(graph, database, capsys):
    _load_both(graph, database)
    assert lineage(["diff", KOPERASI, "--against", "awal"]) == 0
    out = capsys.readouterr().out
    assert "'Persentase Koperasi Sehat' -> 'Persentase Koperasi yang Sehat'" in out
    assert "+ Jumlah Usaha Mikro yang Memasarkan Produk secara Daring" in out
