"""The claim on a cascade: two live loads never interleave, and a load whose owner died never
blocks the next one (its claim is recognised as dead at once on this machine, after its lease
elsewhere); the operator can take any claim over."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator

import pytest
from neo4j import Driver

from lineage.cascade import read_cascade
from lineage.claims import LoadInProgress
from lineage.cypher import cypher
from lineage.loader import delete_cascade, load_cascade
from lineage.settings import get_settings
from tests.support.faults import cascade_node, hold_claim, kill9, loads_with_nodes
from tests.support.graph_state import snapshot
from tests.support.makassar import CASCADE
from tests.support.paths import MAKASSAR


@pytest.fixture
def lease(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[float], dict[str, str]]]:
    """Set the claim lease (seconds) for this process; returns the environment for another one."""

    def set_lease(seconds: float) -> dict[str, str]:
        monkeypatch.setenv("LINEAGE_LOAD_LEASE_SECONDS", str(seconds))
        get_settings.cache_clear()
        return dict(os.environ)

    yield set_lease
    get_settings.cache_clear()


def _claim_from_another_machine(driver: Driver, database: str | None, lease_seconds: float) -> None:
    """What a load running on another machine leaves on the cascade: a claim whose owner this
    machine cannot see, with a lease of `lease_seconds` from now."""
    driver.execute_query(
        "MATCH (c:Cascade {id: $id}) SET c.loading = 'elsewhere-load', c.loading_since = datetime(), "
        "c.loading_until = datetime() + duration({milliseconds: toInteger($lease * 1000)}), "
        "c.loading_owner = 'other-host|boot|pid:[1]/4242/123', c.loading_by = 'ops@other-host pid 4242'",
        id=CASCADE,
        lease=lease_seconds,
        database_=database,
    )


def test_a_claim_whose_owner_was_killed_is_taken_over_at_once(makassar, database, lease):
    # A lease of five minutes: the load can only go ahead because the owner is seen to be dead.
    env = lease(300)
    holder = hold_claim(CASCADE, "killed-load", env)
    kill9(holder)

    report = load_cascade(makassar, read_cascade(MAKASSAR), database=database)

    assert report.took_over is not None
    assert "killed-load" in report.took_over and "its owner had ended" in report.took_over
    assert "loading" not in cascade_node(makassar, CASCADE, database)


def test_a_live_load_on_this_machine_is_refused_at_once_and_named(makassar, database, lease):
    env = lease(300)
    before = snapshot(makassar, database)
    holder = hold_claim(CASCADE, "live-load", env)
    try:
        with pytest.raises(LoadInProgress, match=rf"pid {holder.pid}, since .*--take-over"):
            load_cascade(makassar, read_cascade(MAKASSAR), database=database)
        with pytest.raises(LoadInProgress):
            delete_cascade(makassar, CASCADE, database=database)
    finally:
        kill9(holder)
    assert snapshot(makassar, database) == before


def test_a_claim_from_another_machine_is_free_once_its_lease_runs_out_unrenewed(makassar, database, lease):
    lease(1)
    _claim_from_another_machine(makassar, database, 1)

    report = load_cascade(makassar, read_cascade(MAKASSAR), database=database)

    assert report.took_over is not None and "its lease had run out" in report.took_over
    assert "ops@other-host" in report.took_over


def test_a_claim_from_another_machine_that_is_still_renewed_is_refused(makassar, database, lease):
    lease(1)
    _claim_from_another_machine(makassar, database, 1)
    stop = threading.Event()

    def renew() -> None:  # the other machine's load, alive: it renews its lease
        while not stop.wait(0.2):
            makassar.execute_query(
                cypher("renew_claim"), cascade=CASCADE, load="elsewhere-load", lease=1, database_=database
            )

    renewer = threading.Thread(target=renew)
    renewer.start()
    try:
        with pytest.raises(LoadInProgress, match="ops@other-host"):
            load_cascade(makassar, read_cascade(MAKASSAR), database=database)
    finally:
        stop.set()
        renewer.join()


def test_the_operator_can_take_over_the_claim_of_a_live_load(makassar, database, lease):
    env = lease(300)
    holder = hold_claim(CASCADE, "stuck-load", env)
    try:
        report = load_cascade(makassar, read_cascade(MAKASSAR), database=database, take_over=True)
    finally:
        kill9(holder)
    assert report.took_over is not None and "stuck-load" in report.took_over and "taken over" in report.took_over


def test_a_load_whose_claim_was_taken_over_stops_before_its_switch(makassar, database, lease):
    lease(1)  # renewed every third of a second: the first load soon learns its claim is gone
    first_wrote = threading.Event()
    taken_over = threading.Event()
    outcome: list[BaseException | str] = []

    def wait_after_first_batch(what: str, done: int, total: int) -> None:
        first_wrote.set()
        taken_over.wait(30)

    def first_load() -> None:
        try:
            outcome.append(
                load_cascade(makassar, read_cascade(MAKASSAR), database=database, progress=wait_after_first_batch).load
            )
        except LoadInProgress as exc:
            outcome.append(exc)

    thread = threading.Thread(target=first_load)
    thread.start()
    assert first_wrote.wait(30)
    second = load_cascade(makassar, read_cascade(MAKASSAR), database=database, take_over=True)
    taken_over.set()
    thread.join(30)

    assert len(outcome) == 1 and isinstance(outcome[0], LoadInProgress)
    assert cascade_node(makassar, CASCADE, database)["active_load"] == second.load
    assert loads_with_nodes(makassar, CASCADE, database) == {second.load}
