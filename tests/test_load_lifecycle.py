"""The writer half of the LOAD CONTRACT (docs/loads.md): a replaced load stays readable for a
grace period, then is doomed and deleted by the next load or the API's janitor; no node is
deleted before its load is doomed; `load_is_readable` says which loads a reader may trust."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, ManagedTransaction

from lineage.api.main import create_app
from lineage.cascade import parse_cascade, read_cascade
from lineage.cypher import cypher
from lineage.lifecycle import LoadGone, read_pinned, sweep
from lineage.loader import delete_cascade, load_cascade
from lineage.series import indicator_series
from tests.support.faults import claim_of_a_live_process
from tests.support.makassar import CASCADE, KOPERASI_SEHAT, changed
from tests.support.paths import MAKASSAR

GRACE = 60.0


def _cascade_node(driver: Driver, database: str | None) -> dict:
    records = driver.execute_query(
        "MATCH (c:Cascade {id: $id}) RETURN properties(c) AS c", id=CASCADE, database_=database
    )
    return dict(records.records[0]["c"])


def _loads_with_nodes(driver: Driver, database: str | None) -> set[str]:
    records = driver.execute_query(cypher("cascade_loads"), cascade=CASCADE, database_=database).records
    return set(records[0]["loads"])


def _readable(driver: Driver, database: str | None, load: str, cascade: str = CASCADE) -> bool:
    records = driver.execute_query(cypher("load_is_readable"), cascade=cascade, load=load, database_=database)
    return bool(records.records[0]["readable"])


def _revised() -> str:
    return changed(("name: Persentase Koperasi Aktif}", "name: Persentase Koperasi Aktif (revisi)}"))


def test_a_replaced_load_stays_readable_and_retired_for_the_grace_period(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    second = load_cascade(graph, parse_cascade(_revised(), "v2.yaml"), database=database, retired_grace=GRACE)

    assert second.retired == [first.load] and second.replaced and second.deleted == []
    node = _cascade_node(graph, database)
    assert node["active_load"] == second.load and node["retired"] == [first.load]
    assert "doomed" not in node and "loading" not in node
    assert _loads_with_nodes(graph, database) == {first.load, second.load}
    assert _readable(graph, database, first.load) and _readable(graph, database, second.load)


def _grace_runs_out(driver: Driver, database: str | None) -> None:
    """Time passes: the grace of every retired load of the cascade has run out (set in the data,
    so that no test depends on how fast a loaded machine runs)."""
    driver.execute_query(
        "MATCH (c:Cascade {id: $id}) SET c.retired_until = [u IN c.retired_until | datetime() - duration('PT1S')]",
        id=CASCADE,
        database_=database,
    )


def test_a_replaced_load_is_deleted_by_the_next_load_once_its_grace_has_run_out(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    second = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    _grace_runs_out(graph, database)

    third = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)

    assert third.deleted == [first.load] and third.retired == [second.load]
    assert _loads_with_nodes(graph, database) == {second.load, third.load}
    assert not _readable(graph, database, first.load)
    assert _cascade_node(graph, database)["retired"] == [second.load]


def test_with_no_grace_the_replaced_load_goes_with_the_load_that_replaced_it(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=0)
    second = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=0)

    assert second.retired == [first.load] and second.deleted == [first.load]
    assert _loads_with_nodes(graph, database) == {second.load}
    assert "retired" not in _cascade_node(graph, database)


def test_the_janitor_deletes_expired_loads_of_a_cascade_nobody_reloads(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    assert sweep(graph, database) == {}  # within the grace: nothing to do
    _grace_runs_out(graph, database)

    swept = sweep(graph, database)

    assert swept[CASCADE].expired == [first.load]
    assert first.load not in _loads_with_nodes(graph, database)
    assert "retired" not in _cascade_node(graph, database) and "doomed" not in _cascade_node(graph, database)
    assert sweep(graph, database) == {}


def test_the_api_runs_the_janitor(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    _grace_runs_out(graph, database)
    with TestClient(create_app(graph, database)):
        deadline = time.monotonic() + 60  # the janitor looks every second when the grace is 0
        while first.load in _loads_with_nodes(graph, database) and time.monotonic() < deadline:
            time.sleep(0.2)
    assert first.load not in _loads_with_nodes(graph, database)


def test_the_janitor_leaves_a_cascade_being_loaded_to_its_load(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    _grace_runs_out(graph, database)
    claim_of_a_live_process(graph, CASCADE, "a-load-under-way", database)

    assert sweep(graph, database) == {}
    assert first.load in _loads_with_nodes(graph, database)


def test_a_doomed_load_is_not_readable_even_before_its_nodes_go(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    # What a deletion interrupted right after its first step leaves: the load doomed, nodes intact.
    graph.execute_query(cypher("doom_loads"), cascade=CASCADE, loads=[first.load], database_=database)

    node = _cascade_node(graph, database)
    assert node["doomed"] == [first.load] and "retired" not in node
    assert first.load in _loads_with_nodes(graph, database)
    assert not _readable(graph, database, first.load)


def test_an_interrupted_deletion_is_finished_by_the_next_load(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    graph.execute_query(cypher("doom_loads"), cascade=CASCADE, loads=[first.load], database_=database)

    third = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)

    assert first.load in third.deleted
    assert first.load not in _loads_with_nodes(graph, database)
    assert "doomed" not in _cascade_node(graph, database)


def test_an_interrupted_deletion_is_finished_by_the_janitor(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    graph.execute_query(cypher("doom_loads"), cascade=CASCADE, loads=[first.load], database_=database)

    assert sweep(graph, database)[CASCADE].doomed == [first.load]
    assert first.load not in _loads_with_nodes(graph, database)


def test_readable_loads_are_the_active_the_retired_and_the_kept_ones(graph, database):
    kept = load_cascade(graph, read_cascade(MAKASSAR).model_copy(update={"version": "awal"}), database=database)
    retired = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    active = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)

    assert active.retired == [retired.load] and retired.kept_version == "awal"
    assert _readable(graph, database, active.load)
    assert _readable(graph, database, retired.load)
    assert _readable(graph, database, kept.load)
    assert not _readable(graph, database, "no-such-load")
    assert not _readable(graph, database, active.load, cascade="no-such-cascade")


def test_a_kept_version_replaced_by_one_of_the_same_label_is_retired_too(graph, database):
    awal = load_cascade(graph, read_cascade(MAKASSAR).model_copy(update={"version": "awal"}), database=database)
    load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)

    again = load_cascade(
        graph, read_cascade(MAKASSAR).model_copy(update={"version": "awal"}), database=database, retired_grace=GRACE
    )

    assert awal.load in again.retired
    assert _readable(graph, database, awal.load) and awal.load in _loads_with_nodes(graph, database)


def test_deleting_a_cascade_leaves_none_of_its_loads_readable(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    second = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)

    assert delete_cascade(graph, CASCADE, database=database)

    assert _loads_with_nodes(graph, database) == set()
    assert not _readable(graph, database, first.load) and not _readable(graph, database, second.load)


def _name_of_koperasi_aktif(tx: ManagedTransaction, load: str | None) -> str:
    record = tx.run(
        "MATCH (i:Indicator {uid: $uid, load: $load}) RETURN i.name AS name",
        uid=f"{CASCADE}:ik-sasaran-1",
        load=load,
    ).single()
    assert record is not None
    return str(record["name"])


def test_a_question_whose_load_is_deleted_while_it_reads_is_asked_again_on_the_new_one(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=0)
    attempts: list[str | None] = []

    def body(tx: ManagedTransaction, load: str | None) -> str:
        name = _name_of_koperasi_aktif(tx, load)
        if not attempts:  # the first time: a reload, with no grace, while the question reads
            load_cascade(graph, parse_cascade(_revised(), "v2.yaml"), database=database, retired_grace=0)
        attempts.append(load)
        return name

    answer = read_pinned(graph, database, CASCADE, None, body)

    assert answer == "Persentase Koperasi Aktif (revisi)"
    assert len(attempts) == 2 and attempts[0] != attempts[1]


def test_a_question_on_a_given_load_deleted_while_it_reads_is_refused(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=0)

    def body(tx: ManagedTransaction, load: str | None) -> str:
        name = _name_of_koperasi_aktif(tx, load)
        load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=0)
        return name

    with pytest.raises(LoadGone):
        read_pinned(graph, database, CASCADE, first.load, body)


def test_a_series_reads_a_retired_load_pinned_before_the_reload(graph, database):
    first = load_cascade(graph, read_cascade(MAKASSAR), database=database, retired_grace=GRACE)
    load_cascade(graph, parse_cascade(_revised(), "v2.yaml"), database=database, retired_grace=GRACE)

    old = indicator_series(graph, f"{CASCADE}:ik-sasaran-1", load=first.load, database=database)
    new = indicator_series(graph, f"{CASCADE}:ik-sasaran-1", database=database)

    assert old.indicator.name == "Persentase Koperasi Aktif"
    assert new.indicator.name == "Persentase Koperasi Aktif (revisi)"
    assert indicator_series(graph, KOPERASI_SEHAT, database=database).indicator.id == KOPERASI_SEHAT
