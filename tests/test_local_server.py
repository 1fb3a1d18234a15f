"""`lineage db start|stop|status`: a real Neo4j from Maven Central's jars, on this machine."""

from __future__ import annotations

import socket
import stat

import pytest
from neo4j import GraphDatabase

from lineage.localdb import LocalNeo4j, LocalNeo4jError
from lineage.settings import Settings

#: These tests start Neo4j servers of their own.
pytestmark = pytest.mark.neo4j


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    settings = Settings(  # independent of the environment the other tests point at their database
        NEO4J_URI=None,
        NEO4J_PASSWORD=None,
        LINEAGE_HOME=tmp_path / "home",
        LINEAGE_BOLT_PORT=_free_port(),
        LINEAGE_NEO4J_HEAP="512m",
        LINEAGE_NEO4J_PAGECACHE="64m",
    )
    server = LocalNeo4j(settings, "lifecycle")
    yield server
    server.stop(progress=lambda message: None)


def test_start_serves_bolt_with_a_generated_password_then_stop_ends_it(server):
    messages = []
    status = server.start(progress=messages.append)

    assert status.running and status.version.startswith("5.26")
    assert any("is up" in m and str(server.log_path) in m for m in messages)
    assert stat.S_IMODE(server.password_path.stat().st_mode) == 0o600
    with GraphDatabase.driver(server.uri, auth=server.auth()) as driver:
        assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1

    assert server.stop(progress=messages.append)
    assert not server.status().running


def test_start_refuses_a_port_another_program_holds(server):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", server.port))
        squatter.listen()
        with pytest.raises(LocalNeo4jError, match=f"port {server.port} is already in use"):
            server.start(progress=lambda message: None)


def test_status_of_a_server_never_started(server):
    status = server.status()
    assert not status.running and status.uri == f"bolt://127.0.0.1:{server.port}"


def test_a_password_that_begins_with_a_dash_is_set_as_the_password(server):
    """A generated password begins with "-" one time in 64 (URL-safe base64): neo4j-admin read it
    as an option, and `lineage db start` failed on a fresh machine."""
    server.password_path.parent.mkdir(parents=True)
    server.password_path.write_text("-Jx4dash-first_password\n")
    server.password_path.chmod(0o600)

    assert server.start(progress=lambda message: None).running
    with GraphDatabase.driver(server.uri, auth=server.auth()) as driver:
        assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1
