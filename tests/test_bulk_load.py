"""Bulk first loads through neo4j-admin (opt-in): into an empty database of Lineage's own server
only, giving exactly the graph the loader gives; the loader takes over for every later load."""

from __future__ import annotations

import hashlib
import signal
import subprocess

import pytest
from neo4j import Driver

from lineage.bulk import BulkLoadRefused, bulk_load
from lineage.cascade import Cascade, read_cascade
from lineage.connection import Target, open_driver
from lineage.loader import load_cascade
from lineage.sources import Source
from tests.support.faults import BIN, cascade_node, loads_with_nodes, own_neo4j, start_until, write_cascade
from tests.support.graph_state import fingerprint
from tests.support.makassar import CASCADE
from tests.support.paths import MAKASSAR
from tests.support.synthetic import generate_cascade


def _cascades() -> list[Cascade]:
    return [read_cascade(MAKASSAR), generate_cascade(500, seed=3)]


def test_a_bulk_load_gives_the_graph_the_loader_gives_and_reloads_go_through_the_loader(graph, database):
    for cascade in _cascades():
        load_cascade(graph, cascade, source=Source("data set"), database=database)
    loaded = fingerprint(graph, database)

    with own_neo4j() as neo:
        cascades = _cascades()
        report = bulk_load(neo.target, cascades, sources={c.id: Source("data set") for c in cascades})
        with open_driver(neo.target) as driver:
            assert fingerprint(driver) == loaded
            assert set(report.cascades) == {CASCADE, "synthetic"}
            with pytest.raises(BulkLoadRefused, match="not empty"):
                bulk_load(neo.target, _cascades())
            again = load_cascade(driver, read_cascade(MAKASSAR), source=Source("data set"))
            assert again.retired == [report.cascades[CASCADE]]
            assert loads_with_nodes(driver, CASCADE) == {again.load}
            assert cascade_node(driver, CASCADE)["active_load"] == again.load
    print(f"\nbulk load of {report.nodes} nodes, {report.relationships} relationships: {report.seconds}")


def test_a_bulk_load_refuses_a_server_that_is_not_lineages_own(graph: Driver):
    remote = Target("bolt://127.0.0.1:1", "neo4j", "x", None)
    with pytest.raises(BulkLoadRefused, match="own local server"):
        bulk_load(remote, _cascades())


@pytest.mark.neo4j  # a Neo4j server of its own
def test_a_bulk_load_killed_during_the_import_leaves_the_server_up_on_an_empty_database(tmp_path):
    path = write_cascade(generate_cascade(3000, seed=4), tmp_path / "first.json")
    with own_neo4j() as neo:
        command = [str(BIN / "lineage"), "db", "bulk-load", str(path), "--instance", "fault"]
        client = start_until(command, "neo4j-admin database import", neo.local_env())

        client.send_signal(signal.SIGTERM)

        assert client.wait(120) == 130
        assert neo.server.status().running
        assert not list(neo.server.home.glob("bulk-*"))
        with open_driver(neo.target) as driver:
            assert driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == 0

        # and the next bulk load of two files records, for each cascade, its own file and digest
        done = subprocess.run([*command[:3], str(MAKASSAR), str(path), "--instance", "fault"], env=neo.local_env())
        assert done.returncode == 0
        with open_driver(neo.target) as driver:
            for cascade, file in [(CASCADE, MAKASSAR), ("synthetic", path)]:
                recorded = cascade_node(driver, cascade)
                assert (recorded["file"], recorded["sha256"]) == (
                    str(file),
                    hashlib.sha256(file.read_bytes()).hexdigest(),
                )
