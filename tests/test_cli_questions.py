"""The questions from the shell, scoped and paged as the API's: which cascade, agency, period and
version a name means; every page; an indicator's figures and the realisations an agency enters."""

from __future__ import annotations

import json

import pytest

from lineage.cli import main as lineage
from tests.support.faults import write_cascade
from tests.support.makassar import CASCADE, KOPERASI_SEHAT, KOPERASI_SEHAT_STAFF, changed
from tests.support.oracle import contributors as oracle_contributors
from tests.support.oracle import indicator_graph
from tests.support.paths import MAKASSAR
from tests.support.synthetic import generate_wide_cascade, wide_goal_indicator

NEXT_PLAN = "makassar-diskopukm-2027"


@pytest.fixture
def two_plans(makassar, tmp_path, capsys):
    """The Makassar cascade, and the same cascade again as the next plan period's: every name twice."""
    next_plan = tmp_path / "next-plan.yaml"
    next_plan.write_text(
        changed((f"id: {CASCADE}\n", f"id: {NEXT_PLAN}\n"), ("period: 2021-2026\n", "period: 2027-2031\n")),
        encoding="utf-8",
    )
    assert lineage(["load", str(next_plan)]) == 0
    capsys.readouterr()
    return makassar


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_a_name_two_cascades_hold_lists_both_and_says_how_to_choose(two_plans, capsys):
    assert lineage(["contributors", "Persentase Koperasi Sehat"]) == 1
    said = capsys.readouterr().err
    assert KOPERASI_SEHAT in said and f"{NEXT_PLAN}:ik-sasaran-2" in said and "--cascade" in said


def test_cascade_says_which_one_a_name_means(two_plans, capsys):
    args = ["contributors", "Persentase Koperasi Sehat", "--tier", "staff", "--cascade", NEXT_PLAN, "--json"]
    assert lineage(args) == 0
    answer = _json(capsys)
    assert answer["indicator"]["id"] == f"{NEXT_PLAN}:ik-sasaran-2"
    assert {(n["cascade"], n["local_id"]) for n in answer["nodes"]} == {(NEXT_PLAN, i) for i in KOPERASI_SEHAT_STAFF}


@pytest.mark.parametrize(
    ("scope", "meant"),
    [
        (["--period", "2028"], f"{NEXT_PLAN}:ik-sasaran-2"),
        (["--period", "2021-2026"], KOPERASI_SEHAT),
        (["--cascade", NEXT_PLAN], f"{NEXT_PLAN}:ik-sasaran-2"),
    ],
)
def test_a_scope_narrows_names_and_ids_from_the_file(two_plans, capsys, scope, meant):
    for ref in ("Persentase Koperasi Sehat", "koperasi sehat", "ik-sasaran-2"):
        if ref == "ik-sasaran-2" and scope[0] != "--cascade":
            continue  # an id from the file is made global by --cascade
        assert lineage(["show", ref, *scope, "--json"]) == 0, ref
        assert _json(capsys)["id"] == meant


def test_a_global_id_outside_the_scope_is_refused(two_plans, capsys):
    assert lineage(["show", KOPERASI_SEHAT, "--cascade", NEXT_PLAN]) == 1
    assert f"{KOPERASI_SEHAT} is not an indicator of cascade '{NEXT_PLAN}'" in capsys.readouterr().err


def test_contributes_to_and_series_take_the_scope_too(two_plans, capsys):
    assert lineage(["contributes-to", "ik-subkegiatan-4.1.1", "--cascade", NEXT_PLAN, "--json"]) == 0
    assert {n["cascade"] for n in _json(capsys)["nodes"]} == {NEXT_PLAN}
    assert lineage(["series", "Persentase Koperasi Sehat", "--period", "2030", "--json"]) == 0
    assert _json(capsys)["indicator"]["cascade"] == NEXT_PLAN


def test_search_pages_with_a_cursor_or_all_at_once(two_plans, capsys):
    assert lineage(["search", "koperasi", "--limit", "500", "--json"]) == 0
    everything = [i["id"] for i in _json(capsys)["items"]]
    assert len(everything) > 6

    assert lineage(["search", "koperasi", "--limit", "3", "--all", "--json"]) == 0
    merged = _json(capsys)  # one answer holding every page
    assert [i["id"] for i in merged["items"]] == everything and merged["next_cursor"] is None

    assert lineage(["search", "koperasi", "--limit", "3", "--json"]) == 0
    first = _json(capsys)
    assert [i["id"] for i in first["items"]] == everything[:3]
    assert lineage(["search", "koperasi", "--limit", "3", "--cursor", first["next_cursor"], "--json"]) == 0
    assert [i["id"] for i in _json(capsys)["items"]] == everything[3:6]

    assert lineage(["search", "koperasi", "--limit", "3"]) == 0
    assert f"more: --cursor {first['next_cursor']}" in capsys.readouterr().out


def test_contributors_all_pages_hold_every_contributor_once(two_plans, capsys):
    base = ["contributors", "Persentase Koperasi Sehat", "--cascade", CASCADE]
    assert lineage([*base, "--json"]) == 0
    one_page = _json(capsys)
    assert lineage([*base, "--limit", "2", "--json"]) == 0
    assert len(_json(capsys)["items"]) == 2 < one_page["total"]
    assert lineage([*base, "--limit", "2", "--all", "--json"]) == 0
    assert _json(capsys) == one_page  # every contributor once, with every link among them

    assert lineage([*base, "--limit", "2", "--all"]) == 0
    text = capsys.readouterr().out
    assert all(n["local_id"] in text for n in one_page["nodes"]) and "--cursor" not in text


def test_every_page_of_a_large_roll_up_holds_every_link_among_its_contributors(graph, tmp_path, capsys):
    """More contributors than a page holds: --all answers them in one, and the links between a
    contributor and its parent on another page are there too (the networkx oracle's links)."""
    path = write_cascade(generate_wide_cascade((700,), cascade_id="wide"), tmp_path / "wide.json")
    assert lineage(["load", str(path)]) == 0
    capsys.readouterr()
    start = wide_goal_indicator("wide", 700)

    assert lineage(["contributors", start, "--all", "--json"]) == 0
    answer = _json(capsys)

    expected = indicator_graph(path)
    inside = {start.split(":")[1], *oracle_contributors(expected, start.split(":")[1])}
    assert len(answer["items"]) == answer["total"] == len(inside) - 1 > 500
    local = {(e["from"].split(":")[1], e["to"].split(":")[1]) for e in answer["edges"]}
    assert local == {(a, b) for a, b in expected.edges if a in inside and b in inside}


def test_cascades_take_the_scope_and_page(two_plans, capsys):
    assert lineage(["cascades", "--period", "2029", "--json"]) == 0
    assert [c["id"] for c in _json(capsys)["items"]] == [NEXT_PLAN]
    assert lineage(["cascades", "--limit", "1", "--all", "--json"]) == 0
    assert [c["id"] for c in _json(capsys)["items"]] == sorted([CASCADE, NEXT_PLAN])


def test_a_search_with_no_hits_says_so(makassar, capsys):
    assert lineage(["search", "no such words anywhere"]) == 0
    assert capsys.readouterr().out == "No indicator has a name containing 'no such words anywhere'.\n"
    assert lineage(["search", "koperasi", "--agency", "Dinas Pariwisata"]) == 0
    assert capsys.readouterr().out.startswith("No indicator in agency 'Dinas Pariwisata' has a name")


@pytest.mark.parametrize("text", ["a" * 200, "koperasi " * 22, " ".join("ab" for _ in range(66))])
def test_a_search_text_at_the_apis_bound_is_answered(makassar, capsys, text):
    """The longest word, and the most words, the API's bound lets through stay within what the
    full-text index takes (one word of 5,000 letters or 3,000 words were a Neo4j error)."""
    assert lineage(["search", text]) == 0
    assert "internal error" not in capsys.readouterr().err


@pytest.mark.parametrize("text", ["a" * 5_000, "kop " * 3_000])
def test_a_search_text_beyond_the_apis_bound_is_bad_usage_saying_the_bound(makassar, capsys, text):
    """It reached the index, which refused it: an internal error (exit 70)."""
    assert lineage(["search", text]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"lineage: the text to search holds {len(text):,} characters; at most 200")


@pytest.mark.parametrize("scope", [[], ["--cascade", CASCADE]])
@pytest.mark.parametrize("name", ["a" * 5_000, "Persentase Koperasi " * 300])
def test_a_name_longer_than_a_search_reads_is_refused_as_unknown_not_an_internal_error(makassar, capsys, scope, name):
    """A name is looked for by its words; one beyond the search's bound reached the full-text
    index, which failed (exit 70)."""
    assert lineage(["show", name, *scope]) == 1
    said = capsys.readouterr().err
    assert "internal error" not in said and "has the id or name" in said


@pytest.mark.parametrize("scope", [[], ["--cascade", CASCADE]])
def test_a_name_nothing_holds_is_refused_pointing_at_search(makassar, capsys, scope):
    assert lineage(["show", "Persentase Koperasi Sehat Sekali", *scope]) == 1
    said = capsys.readouterr().err
    assert "has the id or name 'Persentase Koperasi Sehat Sekali'" in said and "lineage search WORDS" in said


def test_a_name_typed_in_another_order_is_found_by_its_words_with_or_without_a_scope(makassar, capsys):
    for scope in ([], ["--cascade", CASCADE]):
        assert lineage(["show", "Penghargaan Kesehatan Koperasi", *scope, "--json"]) == 0, scope
        assert _json(capsys)["id"] == f"{CASCADE}:ik-subkegiatan-3.1.2"

    assert lineage(["show", "Koperasi Sehat Persentase"]) == 1  # two names hold these words
    said = capsys.readouterr().err
    assert KOPERASI_SEHAT in said and f"{CASCADE}:ik-program-3" in said and "--cascade" in said


def test_version_asks_a_kept_version(graph, tmp_path, capsys):
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(
        changed(("name: Persentase Koperasi Sehat}", "name: Persentase Koperasi Sehat dan Mandiri}")),
        encoding="utf-8",
    )
    assert lineage(["import", str(MAKASSAR), "--version", "awal"]) == 0
    assert lineage(["import", str(renamed), "--version", "revisi"]) == 0
    capsys.readouterr()
    assert lineage(["show", "ik-sasaran-2", "--json"]) == 0
    assert _json(capsys)["name"] == "Persentase Koperasi Sehat dan Mandiri"
    assert lineage(["show", "ik-sasaran-2", "--version", "awal", "--json"]) == 0
    assert _json(capsys)["name"] == "Persentase Koperasi Sehat"
    assert lineage(["contributors", "ik-sasaran-2", "--version", "awal", "--tier", "staff", "--json"]) == 0
    assert {n["local_id"] for n in _json(capsys)["nodes"]} == set(KOPERASI_SEHAT_STAFF)
    assert lineage(["show", "ik-sasaran-2", "--version", "nope"]) == 1
    assert "has no version 'nope'" in capsys.readouterr().err


def test_version_asks_about_an_indicator_the_current_version_removed(graph, tmp_path, capsys):
    removed = "  - {id: ik-subkegiatan-3.1.2, measures: subkegiatan-3.1.2, name: Koperasi yang Mendapatkan Penghargaan Kesehatan}\n"
    revised = tmp_path / "revised.yaml"
    revised.write_text(changed((removed, "")), encoding="utf-8")
    assert lineage(["import", str(MAKASSAR), "--version", "awal"]) == 0
    assert lineage(["import", str(revised), "--version", "revisi"]) == 0
    capsys.readouterr()
    assert lineage(["show", "ik-subkegiatan-3.1.2", "--cascade", CASCADE]) == 1
    capsys.readouterr()

    for ref, scope in [(f"{CASCADE}:ik-subkegiatan-3.1.2", []), ("ik-subkegiatan-3.1.2", ["--cascade", CASCADE])]:
        assert lineage(["show", ref, *scope, "--version", "awal", "--json"]) == 0, ref
        shown = _json(capsys)
        assert (shown["id"], shown["name"]) == (
            f"{CASCADE}:ik-subkegiatan-3.1.2",
            "Koperasi yang Mendapatkan Penghargaan Kesehatan",
        )
        assert [up["local_id"] for up in shown["contributes_to"]] == ["ik-kegiatan-3.1"]


def test_a_realisation_entered_from_the_shell_is_the_one_the_api_serves(makassar, client, capsys):
    assert lineage(["realisation", "set", "Persentase Koperasi Sehat", "2024", "80", "--note", "laporan Q4"]) == 0
    assert "Recorded the realisation of 2024" in capsys.readouterr().out
    assert lineage(["realisation", "set", KOPERASI_SEHAT, "2025", "--quarter", "1=20", "--quarter", "2=45"]) == 0
    capsys.readouterr()

    assert lineage(["series", "Persentase Koperasi Sehat", "--json"]) == 0
    from_the_shell = _json(capsys)
    assert from_the_shell == client.get(f"/indicators/{KOPERASI_SEHAT}/series").json()
    years = {y["year"]: y for y in from_the_shell["years"]}
    assert (years[2024]["realised"]["value"], years[2024]["realised_source"]) == (80, "entered")
    assert [(q["quarter"], q["realised"]["value"]) for q in years[2025]["quarters"]] == [(1, 20), (2, 45)]

    assert lineage(["series", "Persentase Koperasi Sehat"]) == 0
    text = capsys.readouterr().out
    assert "2024" in text and "entered" in text
