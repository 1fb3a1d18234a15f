"""`lineage diff` and GET /cascades/{id}/diff: what changed between two versions of a cascade.

The revised workbook (scripts/make_renstra_examples.py, `revised`) makes exactly one change of
each kind; the diff must find each, and nothing else. The pairing itself is specified on plain
lists of indicators, without a database: how it scales, and how its answer is bounded.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from lineage import diff
from lineage.api.main import create_app
from lineage.cli import main as lineage
from lineage.diff import VersionIndicator, compare
from lineage.importers import ImportOptions, import_source, load_imported
from lineage.versions import VersionInfo
from tests.support.paths import EXAMPLES

KOPERASI = "kota-makassar-dinas-koperasi-dan-ukm-2025-2029"
PERDAGANGAN = "kota-makassar-dinas-perdagangan-2025-2029"


def _load_both(graph, database):
    for name, version in (
        ("renstra-makassar-2025-2029.xlsx", "awal"),
        ("renstra-makassar-2025-2029-v2.xlsx", "perubahan"),
    ):
        load_imported(
            graph, import_source(str(EXAMPLES / name), options=ImportOptions(version=version)), database=database
        )


def test_the_diff_lists_each_kind_of_change(graph, database):
    _load_both(graph, database)
    with TestClient(create_app(graph, database)) as client:
        koperasi = client.get(f"/cascades/{KOPERASI}/diff", params={"against": "awal"}).json()
        perdagangan = client.get(f"/cascades/{PERDAGANGAN}/diff", params={"against": "awal"}).json()

    assert [i["name"] for i in koperasi["added"]] == ["Jumlah Usaha Mikro yang Memasarkan Produk secara Daring"]
    assert [(r["old"]["name"], r["new"]["name"]) for r in koperasi["renamed"]] == [
        ("Persentase Koperasi Sehat", "Persentase Koperasi yang Sehat")
    ]
    assert [(r["new"]["name"], r["old_parent"], r["new_parent"]) for r in koperasi["reparented"]] == [
        (
            "Persentase SDM Koperasi yang Mendapat Pendidikan dan Pelatihan",
            "2.17.05 under Meningkatnya Lembaga Koperasi yang Sehat",
            "2.17.05 under Meningkatnya Usaha Mikro yang Berkualitas",
        )
    ]
    assert koperasi["removed"] == [] and koperasi["targets_changed"] == []
    assert koperasi["unchanged"] == 20
    assert koperasi["counts"] == {"added": 1, "removed": 0, "renamed": 1, "reparented": 1, "targets_changed": 0}
    assert not koperasi["truncated"] and not koperasi["renames_capped"]

    assert [i["name"] for i in perdagangan["removed"]] == ["Jumlah Pengawasan UTTP dan Barang Dalam Keadaan Terbungkus"]
    assert [
        (t["indicator"]["name"], [(c["year"], c["old"], c["new"]) for c in t["changes"]])
        for t in perdagangan["targets_changed"]
    ] == [
        (
            "Jumlah Operasi Pasar yang Dilaksanakan",
            [(2025, 12, 14), (2026, 12, 14), (2027, 14, 16), (2028, 14, 16), (2029, 16, 18)],
        )
    ]
    assert perdagangan["added"] == perdagangan["renamed"] == perdagangan["reparented"] == []


def test_lineage_diff_prints_the_changes(graph, database, capsys):
    _load_both(graph, database)
    assert lineage(["diff", KOPERASI, "--against", "awal"]) == 0
    out = capsys.readouterr().out
    assert "'Persentase Koperasi Sehat' -> 'Persentase Koperasi yang Sehat'" in out
    assert "+ Jumlah Usaha Mikro yang Memasarkan Produk secara Daring" in out


def test_the_api_bounds_every_list_of_the_diff(graph, database):
    _load_both(graph, database)
    with TestClient(create_app(graph, database)) as client:
        one = client.get(f"/cascades/{KOPERASI}/diff", params={"against": "awal", "limit": 1}).json()
        too_many = client.get(f"/cascades/{KOPERASI}/diff", params={"against": "awal", "limit": diff.MAX_LIMIT + 1})
    assert one["limit"] == 1 and not one["truncated"] and len(one["added"]) == 1
    assert too_many.status_code == 422


def test_a_diff_against_an_empty_version_is_refused_not_answered_as_no_change(graph, database, capsys):
    """An empty `against` (an unset variable in a script) was read as the current version: the
    current version compared with itself, "nothing changed"."""
    _load_both(graph, database)
    with TestClient(create_app(graph, database)) as client:
        answer = client.get(f"/cascades/{KOPERASI}/diff", params={"against": ""})
    assert answer.status_code == 422 and "query.against" in answer.json()["detail"]
    assert lineage(["diff", KOPERASI, "--against", ""]) == 2
    assert "--against" in capsys.readouterr().err


# -- the pairing, on plain lists -----------------------------------------------------------------

VERSION = VersionInfo(load="v", current=True)


def _indicator(n: int, name: str, element: str = "2.17.05", **fields) -> VersionIndicator:
    return VersionIndicator(id=f"ik-{n}", uid=f"c:ik-{n}", name=name, element=element, **fields)


def _names(count: int) -> list[str]:
    """Names unlike each other (no two pass for a rename of the other)."""
    words = ["Koperasi", "Usaha Mikro", "Pasar", "Wirausaha", "Produk", "Pelatihan", "Izin", "Modal"]
    return [f"{words[n % 8]} {n:05d} {words[n // 8 % 8]} {'x' * (n % 7)}{n * 7919 % 10007}" for n in range(count)]


def test_a_reordered_version_pairs_every_indicator_with_itself():
    old = [_indicator(n, name) for n, name in enumerate(_names(2_000))]
    found = compare("c", VERSION, VERSION, old, list(reversed(old)))
    assert found.unchanged == 2_000
    assert found.counts.model_dump() == dict.fromkeys(
        ["added", "removed", "renamed", "reparented", "targets_changed"], 0
    )


def test_each_list_shows_at_most_the_limit_and_counts_them_all():
    old = [_indicator(n, f"Jumlah Koperasi {name}") for n, name in enumerate(_names(5))]
    new = [_indicator(n + 100, f"Persentase Pasar {name}") for n, name in enumerate(_names(300)[100:107])]
    found = compare("c", VERSION, VERSION, old, new, limit=3)
    assert (len(found.removed), found.counts.removed, len(found.added), found.counts.added) == (3, 5, 3, 7)
    assert found.truncated and found.limit == 3
    assert [i.id for i in found.removed] == ["c:ik-0", "c:ik-1", "c:ik-2"]  # file order
    everything = compare("c", VERSION, VERSION, old, new)
    assert (len(everything.removed), len(everything.added), everything.truncated) == (5, 7, False)


def test_the_rename_round_compares_a_bounded_number_of_names_and_says_so(monkeypatch):
    """It scores every pair of the names left unpaired: an open endpoint must cap that."""
    old = [_indicator(n, f"Persentase Koperasi Sehat Kelompok {n}", element=f"e{n}") for n in range(4)]
    new = [_indicator(n + 10, f"Persentase Koperasi yang Sehat Kelompok {n}", element=f"f{n}") for n in range(4)]
    assert compare("c", VERSION, VERSION, old, new).counts.renamed == 4

    monkeypatch.setattr(diff, "MAX_RENAME_CANDIDATES", 3)
    capped = compare("c", VERSION, VERSION, old, new)
    assert capped.renames_capped
    assert [(r.old.id, r.new.id) for r in capped.renamed] == [
        ("c:ik-0", "c:ik-10"),
        ("c:ik-1", "c:ik-11"),
        ("c:ik-2", "c:ik-12"),
    ]
    assert ([i.id for i in capped.removed], [i.id for i in capped.added]) == (["c:ik-3"], ["c:ik-13"])


def test_a_rename_is_paired_with_the_most_similar_name_first():
    old = [_indicator(1, "Jumlah Koperasi Aktif", element="a"), _indicator(2, "Jumlah Koperasi Sehat", element="b")]
    new = [
        _indicator(3, "Jumlah Koperasi yang Sehat", element="c"),
        _indicator(4, "Jumlah Koperasi yang Aktif", element="d"),
    ]
    found = compare("c", VERSION, VERSION, old, new)
    assert sorted((r.old.name, r.new.name) for r in found.renamed) == [
        ("Jumlah Koperasi Aktif", "Jumlah Koperasi yang Aktif"),
        ("Jumlah Koperasi Sehat", "Jumlah Koperasi yang Sehat"),
    ]
    assert found.added == found.removed == []
