"""Faults that really happen, done for real (SIGKILL): of a `lineage load` client, of the API
during an upload, of Neo4j itself (a server of the test's own). Each time the cascade stays
entirely the old version, the next load started at once succeeds, removes the dead load's
remains and says so, and the graph is then exactly the new version. Neo4j down under the API is
a 503 in JSON, and the API answers again by itself once Neo4j is back."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from neo4j import Driver

from lineage.api.main import create_app
from lineage.cascade import Cascade
from lineage.connection import open_driver
from lineage.loader import LoadReport, delete_cascade, load_cascade
from lineage.sources import Source
from tests.support.faults import (
    BIN,
    cascade_node,
    free_port,
    kill9,
    load_counts,
    loads_with_nodes,
    mid_load,
    own_neo4j,
    start_until,
    wait_for,
    write_cascade,
)
from tests.support.graph_state import fingerprint
from tests.support.synthetic import generate_cascade

CASCADE = "synthetic"
#: Big enough that a load in batches of 25 takes seconds, small enough for CI (reading the file
#: takes longer than loading it).
NEW_SIZE = 1_000


@dataclass
class Versions:
    """The old version loaded (answering), and the new one as a file, with its fingerprint."""

    old_load: str
    old_counts: dict[str, int]
    new: Cascade
    new_file: Path
    new_fingerprint: tuple[dict[str, int], str]
    some_indicator: str


def _prepare(
    driver: Driver,
    database: str | None,
    folder: Path,
    reference: Driver,
    reference_db: str | None,
    size: int = NEW_SIZE,
) -> Versions:
    """The new version's fingerprint, from a load of it on `reference` (the fingerprint does not
    depend on the server: the shared, warm one is quicker), then the old version loaded (forced:
    it is smaller than the new one it may replace)."""
    new = generate_cascade(size, seed=2, cascade_id=CASCADE)
    new_file = write_cascade(new, folder / "new.json")
    _load_new(reference, reference_db, new, new_file)
    new_fingerprint = fingerprint(reference, reference_db)
    if reference is not driver:
        delete_cascade(reference, CASCADE, database=reference_db)
    old = generate_cascade(200, seed=1, cascade_id=CASCADE)
    report = load_cascade(driver, old, database=database, retired_grace=0, force=True)
    return Versions(
        report.load,
        load_counts(driver, CASCADE, report.load, database),
        new,
        new_file,
        new_fingerprint,
        f"{CASCADE}:{old.indicators[0].id}",
    )


def _load_new(driver: Driver, database: str | None, new: Cascade, new_file: Path) -> LoadReport:
    """The new version loaded as `lineage load FILE` would (the file read once, by the caller)."""
    return load_cascade(
        driver,
        new,
        source=Source.of(str(new_file), new_file.read_bytes()),
        database=database,
        retired_grace=0,
    )


def _assert_still_the_old_version(driver: Driver, database: str | None, versions: Versions) -> str:
    """Readers see the old version, whole; returns the dead load's id (its remains are there)."""
    node = cascade_node(driver, CASCADE, database)
    assert node["active_load"] == versions.old_load
    assert load_counts(driver, CASCADE, versions.old_load, database) == versions.old_counts
    dead = str(node["loading"])
    assert loads_with_nodes(driver, CASCADE, database) == {versions.old_load, dead}
    remains = load_counts(driver, CASCADE, dead, database)
    print(f"\nafter the fault: active load whole {versions.old_counts}; remains of the dead load {remains}")
    return dead


def _assert_next_load_succeeds_and_cleans(driver: Driver, database: str | None, versions: Versions, dead: str) -> None:
    started = time.monotonic()
    report = _load_new(driver, database, versions.new, versions.new_file)
    seconds = time.monotonic() - started
    assert report.took_over is not None and dead in report.took_over
    assert report.removed_remains == [dead]
    assert fingerprint(driver, database) == versions.new_fingerprint
    assert loads_with_nodes(driver, CASCADE, database) == {report.load}
    print(f"next load after the fault: {seconds:.1f} s; nodes of the new load only: {fingerprint(driver, database)[0]}")


def test_a_lineage_load_killed_mid_load_leaves_the_old_version_and_the_next_load_succeeds(graph, database, tmp_path):
    versions = _prepare(graph, database, tmp_path, graph, database)
    client = start_until(
        [str(BIN / "lineage"), "load", str(versions.new_file), "--batch-size", "25"], "indicators", dict(os.environ)
    )
    kill9(client)

    dead = _assert_still_the_old_version(graph, database, versions)
    _assert_next_load_succeeds_and_cleans(graph, database, versions, dead)


def test_the_api_killed_mid_upload_leaves_the_old_version_and_the_next_load_succeeds(graph, database, tmp_path):
    versions = _prepare(graph, database, tmp_path, graph, database)
    port = free_port()
    api = start_until(
        [str(BIN / "uvicorn"), "--factory", "lineage.api.main:create_app", "--port", str(port)],
        "Application startup complete",
        dict(os.environ) | {"LINEAGE_WRITE_TOKEN": "fault-token"},
    )

    def upload() -> None:
        with contextlib.suppress(httpx.HTTPError):  # the server is killed under it
            httpx.post(
                f"http://127.0.0.1:{port}/cascades",
                headers={"Authorization": "Bearer fault-token"},
                files={"file": ("new.json", versions.new_file.read_bytes())},
                timeout=120,
            )

    uploading = threading.Thread(target=upload)
    uploading.start()
    try:
        wait_for(lambda: mid_load(graph, CASCADE, database), 120, "the upload's load to be writing")
    finally:
        kill9(api)
        uploading.join()

    dead = _assert_still_the_old_version(graph, database, versions)
    _assert_next_load_succeeds_and_cleans(graph, database, versions, dead)


def test_neo4j_killed_mid_load_answers_503_recovers_by_itself_and_the_next_load_succeeds(graph, database, tmp_path):
    with own_neo4j() as neo, open_driver(neo.target) as driver:
        # A smaller new version: every query of a server just (re)started is slow (cold caches).
        versions = _prepare(driver, None, tmp_path, graph, database, size=300)
        with TestClient(create_app(driver), raise_server_exceptions=False) as api:
            assert api.get(f"/indicators/{versions.some_indicator}").status_code == 200
            client = start_until(
                [str(BIN / "lineage"), "load", str(versions.new_file), "--batch-size", "10"], "elements", neo.env()
            )
            neo.kill9()

            down = api.get(f"/indicators/{versions.some_indicator}")
            assert down.status_code == 503 and down.json()["error"] == "neo4j_unavailable"
            print(f"\nNeo4j killed: {down.status_code} {down.json()}")
            assert client.wait(120) == 3  # "Neo4j cannot be reached", not a traceback
            neo.start()
            health = wait_for(lambda: api.get("/health").status_code == 200, 120, "/health to answer")
            back = wait_for(
                lambda: api.get(f"/indicators/{versions.some_indicator}").status_code == 200, 120, "the API to answer"
            )
            print(
                f"once Neo4j was back: /health answered 200 after {health:.1f} s, the indicator "
                f"{health + back:.1f} s (its first query on the cold server included)"
            )

        dead = _assert_still_the_old_version(driver, None, versions)
        _assert_next_load_succeeds_and_cleans(driver, None, versions, dead)
