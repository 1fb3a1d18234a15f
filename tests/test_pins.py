"""The reader half of the load contract: what READABLE means, and what a question does when the
loads it read are not readable at its end."""

from __future__ import annotations

import pytest

from lineage import rollups
from lineage.cypher import cypher
from lineage.errors import ReloadRace
from lineage.pins import statement_text
from tests.support.makassar import CASCADE, KOPERASI_SEHAT


def _readable(driver, database, cascade: str, load: str) -> bool:
    """What the readers' check says, which must be what the writers' predicate says."""
    rows, _, _ = driver.execute_query(statement_text("pins_readable"), pins=[[cascade, load]], database_=database)
    theirs, _, _ = driver.execute_query(cypher("load_is_readable"), cascade=cascade, load=load, database_=database)
    assert rows[0]["readable"] == theirs[0]["readable"], (cascade, load)
    return rows[0]["readable"]


def _set(driver, database, **properties) -> None:
    driver.execute_query(
        "MATCH (c:Cascade {id: $cascade}) SET c += $properties",
        cascade=CASCADE,
        properties=properties,
        database_=database,
    )


def _active(driver, database) -> str:
    rows, _, _ = driver.execute_query(
        "MATCH (c:Cascade {id: $c}) RETURN c.active_load AS l", c=CASCADE, database_=database
    )
    return rows[0]["l"]


def test_readable_is_the_contracts_predicate(makassar, database):
    """BOARD, LOAD CONTRACT item 4: C exists, L not in C.doomed, and L is C.active_load, or in
    C.retired, or has a (:CascadeVersion {cascade: C.id, load: L}); the check the readers run on
    all the loads a question read agrees with the writers' predicate, load by load."""
    active = _active(makassar, database)
    assert _readable(makassar, database, CASCADE, active)
    assert not _readable(makassar, database, CASCADE, "a-load-nobody-wrote")
    assert not _readable(makassar, database, "no-such-cascade", active)
    _set(makassar, database, retired=["replaced-a-minute-ago"])
    assert _readable(makassar, database, CASCADE, "replaced-a-minute-ago")
    makassar.execute_query("CREATE (:CascadeVersion {cascade: $c, load: 'kept'})", c=CASCADE, database_=database)
    assert _readable(makassar, database, CASCADE, "kept")
    _set(makassar, database, doomed=[active, "kept", "replaced-a-minute-ago"])
    assert not any(_readable(makassar, database, CASCADE, load) for load in (active, "kept", "replaced-a-minute-ago"))


def test_a_question_whose_load_is_doomed_every_time_gives_up(makassar, database):
    """A doomed load may lose its nodes at any moment: nothing read from it is trusted. Reading the
    load that answers now finds it doomed attempt after attempt (here: always), then gives up."""
    _set(makassar, database, doomed=[_active(makassar, database)])
    with pytest.raises(ReloadRace):
        rollups.contributors(makassar, KOPERASI_SEHAT, database=database)
    _set(makassar, database, doomed=[])
    assert rollups.contributors(makassar, KOPERASI_SEHAT, database=database).items


def test_the_api_says_reloading_with_a_503(client, graph, database):
    _set(graph, database, doomed=[_active(graph, database)])
    answer = client.get(f"/indicators/{KOPERASI_SEHAT}/contributors")
    assert answer.status_code == 503 and answer.json()["error"] == "reloading"
