"""Loading a cascade into Neo4j: complete, idempotent, atomic, and a clean replacement."""

from __future__ import annotations

import pytest
from neo4j.exceptions import ConstraintError

from lineage.cascade import parse_cascade, read_cascade
from lineage.cli import main as lineage
from lineage.loader import load_cascade
from tests.conftest import MAKASSAR
from tests.graph_state import counts, indicator_links, snapshot
from tests.oracle import indicator_graph

MAKASSAR_COUNTS = {
    # nodes by label
    "Cascade": 1, "Position": 20, "Indicator": 33, "Element": 29,
    "Goal": 2, "Target": 3, "Program": 6, "Activity": 6, "SubActivity": 12,
    # relationships by type: 27 element links + 40 indicator links; 29 + 33 owners; 33 measures
    "CONTRIBUTES_TO": 67, "OWNED_BY": 62, "MEASURES": 33,
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
        text.replace("  - {id: subkegiatan-5.1.5, kind: sub_kegiatan, parent: kegiatan-5.1, owner: staf-sp5-sub, name: Koordinasi dan Sinkronisasi dengan Para Pemangku Kepentingan dalam Pemberdayaan Usaha Mikro}\n", "")
        .replace("  - {id: ik-subkegiatan-5.1.5, measures: subkegiatan-5.1.5, name: koordinasi dan sinkronisasi dengan para pemangku kepentingan dalam pemberdayaan usaha mikro}\n", "")
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
        ("cycle", "  - id: tujuan-1\n    kind: mayor_goal\n", "  - id: tujuan-1\n    kind: mayor_goal\n    parent: kegiatan-3.1\n"),
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
    assert {"unknown parent": "unknown element 'program-9'", "duplicate id": "duplicate id 'ik-program-5a'",
            "cycle": "elements form a cycle"}[breakage] in message
    assert snapshot(graph, database) == before


def test_a_load_that_fails_inside_neo4j_leaves_the_previous_version_untouched(graph, database):
    """A failure after some batches were written must roll all of them back."""
    text = MAKASSAR.read_text(encoding="utf-8")
    load_cascade(graph, parse_cascade(text, "v1.yaml"), database=database)
    # v2 adds a sub kegiatan whose uid a node from elsewhere already holds: creating it violates
    # the uniqueness constraint, after the old version was deleted and earlier batches written.
    v2 = text.replace(
        "  # --- Sasaran Program 6",
        "  - {id: subkegiatan-6.1.2, kind: sub_kegiatan, parent: kegiatan-6.1, name: Baru}\n  # --- Sasaran Program 6",
    )
    graph.execute_query(
        "CREATE (:Element {uid: 'makassar-diskopukm:subkegiatan-6.1.2', cascade: 'elsewhere', name: 'squatter'})",
        database_=database,
    )
    before = snapshot(graph, database)

    with pytest.raises(ConstraintError):
        load_cascade(graph, parse_cascade(v2, "v2.yaml"), database=database, batch_size=2)

    assert snapshot(graph, database) == before
