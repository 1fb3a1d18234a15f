"""A real Neo4j for the tests, found in this order (the same as the rest of Lineage):

1. NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE), when set;
2. a testcontainers Neo4j 5.26, when a Docker engine answers;
3. Lineage's own local server, instance "test" (port 7688), started here if it is not running.

A test that needs Neo4j and gets none FAILS; it never skips. The tests erase the database they
use between tests, so they refuse a NEO4J_URI database that holds data they did not make.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase

from lineage.api.main import create_app
from lineage.cascade import read_cascade
from lineage.connection import Target, open_driver, resolve_target
from lineage.loader import load_cascade
from lineage.localdb import LocalNeo4j, LocalNeo4jError
from lineage.settings import Settings, get_settings
from tests.support.graph_state import TEST_MARKER
from tests.support.paths import MAKASSAR


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that reaches Neo4j (through any fixture) is marked `neo4j`, so that
    `pytest -m "not neo4j"` runs the rest in seconds; nobody has to remember the marker."""
    for item in items:
        if "test_neo4j" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@dataclass(frozen=True)
class TestNeo4j:
    target: Target
    #: True for a server the tests made (container, local "test" instance): erasing it is safe.
    disposable: bool


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:  # no docker package, no socket, no engine: all mean "no"
        return False


@pytest.fixture(scope="session")
def test_neo4j() -> Iterator[TestNeo4j]:
    settings = Settings()
    if settings.neo4j_uri:
        yield TestNeo4j(resolve_target(settings), disposable=False)
        return
    if _docker_answers():
        from testcontainers.community.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26", password="lineage-test-password") as container:
            yield TestNeo4j(Target(container.get_connection_url(), "neo4j", "lineage-test-password", None), True)
        return
    server = LocalNeo4j(settings, "test")
    was_running = server.status().running
    try:
        server.start(progress=lambda message: print(message, flush=True))
    except LocalNeo4jError as exc:
        pytest.fail(
            f"no Neo4j for the tests: NEO4J_URI is not set, no Docker engine, and the local server "
            f"did not start:\n{exc}",
            pytrace=False,
        )
    user, password = server.auth()
    # LINEAGE_TEST_ROUTING=1: through a neo4j:// routing URI, as a cluster or Aura is reached, so
    # that every read must go as a read transaction the driver can route (docs/scaling.md).
    uri = server.uri.replace("bolt://", "neo4j://", 1) if os.environ.get("LINEAGE_TEST_ROUTING") == "1" else server.uri
    yield TestNeo4j(Target(uri, user, password, None, server), disposable=True)
    if not was_running:
        server.stop(progress=lambda message: None)


@pytest.fixture(scope="session")
def lineage_env(test_neo4j: TestNeo4j, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The CLI and the API under test read their target from the environment: make it this one."""
    target = test_neo4j.target
    names = (
        "NEO4J_URI",
        "NEO4J_USER",
        "NEO4J_PASSWORD",
        "NEO4J_DATABASE",
        "LINEAGE_RETIRED_GRACE_SECONDS",
        "LINEAGE_TOKENS_FILE",
    )
    saved = {key: os.environ.get(key) for key in names}
    os.environ.update({"NEO4J_URI": target.uri, "NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password or ""})
    # A replaced load is deleted by the load that replaced it, as soon as it is done: tests that
    # count nodes after a reload see one version. The tests of the grace period pass their own.
    os.environ["LINEAGE_RETIRED_GRACE_SECONDS"] = "0"
    # No write token but those a test gives: never the tokens file of the machine's LINEAGE_HOME.
    os.environ["LINEAGE_TOKENS_FILE"] = str(tmp_path_factory.mktemp("tokens") / "tokens.json")
    if target.database:
        os.environ["NEO4J_DATABASE"] = target.database
    get_settings.cache_clear()
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def driver(test_neo4j: TestNeo4j, lineage_env: None) -> Iterator[Driver]:
    target = test_neo4j.target
    driver = open_driver(target)
    try:
        driver.verify_connectivity()
    except Exception as exc:
        pytest.fail(f"Neo4j at {target.describe()} cannot be reached: {exc}", pytrace=False)
    records, _, _ = driver.execute_query(
        f"MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH (m:{TEST_MARKER}) RETURN nodes, count(m) AS marked",
        database_=target.database,
    )
    if not test_neo4j.disposable and records[0]["nodes"] and not records[0]["marked"]:
        pytest.fail(
            f"{target.describe()} holds data the tests did not make, and the tests erase their database. "
            "Point NEO4J_URI at an empty database.",
            pytrace=False,
        )
    yield driver
    driver.close()


@pytest.fixture
def database(test_neo4j: TestNeo4j) -> str | None:
    return test_neo4j.target.database


@pytest.fixture
def graph(driver: Driver, database: str | None) -> Driver:
    """An empty graph (constraints kept) for one test."""
    with driver.session(database=database) as session:  # in batches: a benchmark may have left a big graph
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    driver.execute_query(f"CREATE (:{TEST_MARKER})", database_=database)
    return driver


@pytest.fixture
def makassar_file() -> Path:
    return MAKASSAR


@pytest.fixture
def makassar(graph: Driver, database: str | None) -> Driver:
    """The Makassar cascade loaded into an empty graph."""
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    return graph


@pytest.fixture
def client(graph: Driver, database: str | None) -> Iterator[TestClient]:
    """The API on a graph holding the Makassar cascade."""
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    with TestClient(create_app(graph, database)) as client:
        yield client


@pytest.fixture
def client_without_neo4j() -> Iterator[TestClient]:
    """The app with a real driver aimed at a port where nothing listens: Neo4j is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    driver = GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", "x"), max_transaction_retry_time=0.5)
    with TestClient(create_app(driver), raise_server_exceptions=False) as client:
        yield client
    driver.close()
