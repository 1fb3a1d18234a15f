"""Loading a cascade into Neo4j: complete, idempotent, atomic, and a clean replacement."""

from __future__ import annotations

import pytest

from lineage import indicators, search
from lineage.cascade import parse_cascade, read_cascade
from lineage.cli import main as lineage
from lineage.loader import LoadInProgress, load_cascade
from tests.support.graph_state import counts, indicator_links, snapshot
from tests.support.oracle import indicator_graph
from tests.support.paths import MAKASSAR

MAKASSAR_COUNTS = {
    # nodes by label
    "Cascade": 1,
    "Position": 20,
    "Indicator": 33,
    "Element": 29,
    "Goal": 2,
    "Target": 3,
    "Program": 6,
    "Activity": 6,
    "SubActivity": 12,
    # relationships by type: 27 element links + 40 indicator links; 29 + 33 owners; 33 measures
    "CONTRIBUTES_TO": 67,
    "OWNED_BY": 62,
    "MEASURES": 33,
}


def test_loading_makassar_creates_every_node_and_link(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    assert counts(graph, database) == dict(sorted(MAKASSAR_COUNTS.items()))


def test_indicator_links_in_neo4j_are_those_the_file_states(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    assert indicator_links(graph, database) == set(indicator_graph(MAKASSAR).edges)


def test_loading_the_same_file_twice_leaves_the_same_graph(graph, database):
    cascade = read_cascade(MAKASSAR)
    load_cascade(graph, cascade, database=database)
    first = snapshot(graph, database)
    report = load_cascade(graph, cascade, database=database)
    assert report.replaced
    assert snapshot(graph, database) == first
    assert counts(graph, database) == dict(sorted(MAKASSAR_COUNTS.items()))


def test_loading_in_small_batches_gives_the_same_graph(graph, database):
    cascade = read_cascade(MAKASSAR)
    load_cascade(graph, cascade, database=database)
    whole = snapshot(graph, database)
    load_cascade(graph, cascade, database=database, batch_size=3)
    assert snapshot(graph, database) == whole


def test_reloading_a_changed_file_replaces_the_old_version(graph, database):
    text = MAKASSAR.read_text(encoding="utf-8")
    load_cascade(graph, parse_cascade(text, "v1.yaml"), database=database)
    # v2: one sub kegiatan (and its IK) dropped, one IK renamed.
    v2 = (
        text.replace(
            "  - {id: subkegiatan-5.1.5, kind: sub_kegiatan, parent: kegiatan-5.1, owner: staf-sp5-sub, name: Koordinasi dan Sinkronisasi dengan Para Pemangku Kepentingan dalam Pemberdayaan Usaha Mikro}\n",
            "",
        )
        .replace(
            "  - {id: ik-subkegiatan-5.1.5, measures: subkegiatan-5.1.5, name: koordinasi dan sinkronisasi dengan para pemangku kepentingan dalam pemberdayaan usaha mikro}\n",
            "",
        )
        .replace("name: Persentase Koperasi Aktif}", "name: Persentase Koperasi Aktif (revisi)}")
    )
    load_cascade(graph, parse_cascade(v2, "v2.yaml"), database=database)
    records, _, _ = graph.execute_query("MATCH (i:Indicator) RETURN i.id AS id, i.name AS name", database_=database)
    names = {r["id"]: r["name"] for r in records}
    assert "ik-subkegiatan-5.1.5" not in names
    assert names["ik-sasaran-1"] == "Persentase Koperasi Aktif (revisi)"
    assert counts(graph, database)["Indicator"] == 32
    assert counts(graph, database)["SubActivity"] == 11


@pytest.mark.parametrize(
    "breakage, old, new",
    [
        ("unknown parent", "    parent: program-3\n", "    parent: program-9\n"),
        ("duplicate id", "{id: ik-program-6,", "{id: ik-program-5a,"),
        (
            "cycle",
            "  - id: tujuan-1\n    kind: mayor_goal\n",
            "  - id: tujuan-1\n    kind: mayor_goal\n    parent: kegiatan-3.1\n",
        ),
    ],
)
def test_a_broken_file_is_refused_by_lineage_load_and_the_graph_is_unchanged(
    graph, database, tmp_path, capsys, breakage, old, new
):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    before = snapshot(graph, database)
    text = MAKASSAR.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "makassar.yaml"
    broken.write_text(text.replace(old, new), encoding="utf-8")

    status = lineage(["load", str(broken)])

    message = capsys.readouterr().err
    assert status == 1
    assert f"{broken}:" in message and "Nothing was loaded." in message
    assert {
        "unknown parent": "unknown element 'program-9'",
        "duplicate id": "duplicate id 'ik-program-5a'",
        "cycle": "elements form a cycle",
    }[breakage] in message
    assert snapshot(graph, database) == before


class _Interrupted(Exception):
    pass


def _fail_after(batches: int):
    """A progress callback that stops the load after `batches` batches were written, the way a
    lost connection or a killed process would."""
    seen = []

    def progress(what: str, done: int, total: int) -> None:
        seen.append(what)
        if len(seen) == batches:
            raise _Interrupted(f"stopped after {what} {done}/{total}")

    return progress


def _changed_version() -> str:
    return MAKASSAR.read_text(encoding="utf-8").replace(
        "name: Persentase Koperasi Aktif}", "name: Persentase Koperasi Aktif (revisi)}"
    )


def test_a_load_that_fails_half_way_leaves_the_previous_version_untouched(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    before = snapshot(graph, database)

    with pytest.raises(_Interrupted):
        load_cascade(
            graph,
            parse_cascade(_changed_version(), "v2.yaml"),
            database=database,
            batch_size=4,
            progress=_fail_after(12),
        )

    assert snapshot(graph, database) == before


def test_a_first_load_that_fails_leaves_an_empty_database_empty(graph, database):
    with pytest.raises(_Interrupted):
        load_cascade(graph, read_cascade(MAKASSAR), database=database, batch_size=4, progress=_fail_after(5))
    assert counts(graph, database) == {}


def test_while_a_new_version_is_written_queries_answer_from_the_old_one(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    seen_during_load = []

    def look(what: str, done: int, total: int) -> None:
        if what == "indicators":
            answer = indicators.get_indicator(graph, "makassar-diskopukm:ik-sasaran-1", database=database)
            seen_during_load.append(answer.name)

    load_cascade(graph, parse_cascade(_changed_version(), "v2.yaml"), database=database, batch_size=10, progress=look)

    assert set(seen_during_load) == {"Persentase Koperasi Aktif"}
    after = indicators.get_indicator(graph, "makassar-diskopukm:ik-sasaran-1", database=database)
    assert after.name == "Persentase Koperasi Aktif (revisi)"


def test_the_remains_of_a_killed_load_are_removed_by_the_next_load(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    before = snapshot(graph, database)
    # What a process killed in the middle of a load leaves: nodes of a load nothing points at.
    graph.execute_query(
        "CREATE (:Indicator {uid: 'makassar-diskopukm:ik-x', id: 'ik-x', cascade: 'makassar-diskopukm', load: 'dead'})"
        "-[:CONTRIBUTES_TO]->(:Indicator {uid: 'makassar-diskopukm:ik-y', id: 'ik-y', cascade: 'makassar-diskopukm', load: 'dead'})",
        database_=database,
    )
    assert search.search_indicators(graph, "", limit=100, database=database).items.__len__() == 33

    load_cascade(graph, read_cascade(MAKASSAR), database=database)

    assert snapshot(graph, database) == before


def test_a_second_load_of_the_same_cascade_waits_its_turn(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    before = snapshot(graph, database)

    def load_again_meanwhile(what: str, done: int, total: int) -> None:
        if what == "positions":
            with pytest.raises(LoadInProgress):
                load_cascade(graph, read_cascade(MAKASSAR), database=database)

    load_cascade(graph, read_cascade(MAKASSAR), database=database, progress=load_again_meanwhile)
    assert snapshot(graph, database) == before


def test_deleting_a_cascade_removes_every_node_of_it(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    assert lineage(["delete", "makassar-diskopukm", "--yes"]) == 0
    assert counts(graph, database) == {}
    assert lineage(["delete", "makassar-diskopukm", "--yes"]) == 1


def test_deleting_a_cascade_deletes_the_realisations_entered_for_it_unless_kept(graph, database):
    from lineage.series import RealisationInput, record_realisation

    def realisations() -> int:
        return graph.execute_query("MATCH (r:Realisation) RETURN count(r) AS n", database_=database).records[0]["n"]

    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    record_realisation(graph, "makassar-diskopukm:ik-sasaran-2", 2024, RealisationInput(value=71.5), database=database)
    assert lineage(["delete", "makassar-diskopukm", "--keep-realisations", "--yes"]) == 0
    assert realisations() == 1

    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    assert lineage(["delete", "makassar-diskopukm", "--yes"]) == 0
    assert realisations() == 0 and counts(graph, database) == {}


def test_a_switch_repeated_after_it_committed_changes_nothing(graph, database):
    """The driver repeats a transaction whose commit answer was lost; the switch must not then
    undo itself (nor the clean-up delete the load it made current)."""
    from lineage.changes import Actor
    from lineage.loader import Switch, _switch

    report = load_cascade(graph, read_cascade(MAKASSAR), database=database)
    before = snapshot(graph, database)
    again = Switch("makassar-diskopukm", report.load, {}, None, False, None, 0, Actor.os_user(), "load")
    with graph.session(database=database) as session:
        obsolete = session.execute_write(_switch, again, report)
    assert obsolete == []
    assert snapshot(graph, database) == before
    assert (
        indicators.get_indicator(graph, "makassar-diskopukm:ik-sasaran-2", database=database).name
        == "Persentase Koperasi Sehat"
    )
