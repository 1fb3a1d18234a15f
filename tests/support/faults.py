"""Real faults for tests and drills: processes that hold a claim, loads and uploads killed with
SIGKILL half-way, and a Neo4j server of their own to kill (never the shared one).

Why real processes: a claim left by a process that died is only recognisably dead if the process
really died; a mock cannot show that the next load succeeds at once.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from lineage.cascade import Cascade
from lineage.claims import current_owner
from lineage.connection import Target
from lineage.cypher import cypher
from lineage.localdb import LocalNeo4j
from lineage.settings import Settings, get_settings

PYTHON = sys.executable
BIN = Path(sys.executable).parent

_HOLD_CLAIM = """
import sys, time
from lineage.connection import open_driver, resolve_target
from lineage.settings import get_settings
from lineage.claims import claim
target = resolve_target(get_settings())
claim(open_driver(target), sys.argv[1], sys.argv[2], target.database)
print("claimed", flush=True)
time.sleep(600)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_cascade(cascade: Cascade, path: Path) -> Path:
    """`cascade` as a cascade file (JSON, the documented format) that `lineage load` reads."""
    path.write_text(json.dumps(cascade.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
    return path


def start_until(command: list[str], marker: str, env: dict[str, str], timeout: float = 120) -> subprocess.Popen[str]:
    """Start `command`, return once a line of its output (stdout and stderr) contains `marker`."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    assert process.stdout is not None
    lines: list[str] = []
    found = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if marker in line:
                found.set()

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + timeout
    while not found.wait(0.05):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"{command} never printed {marker!r}:\n{''.join(lines)}")
    return process


def kill9(process: subprocess.Popen[str]) -> None:
    """SIGKILL: no handler runs, nothing is cleaned up; reaped, so its pid is gone."""
    process.send_signal(signal.SIGKILL)
    process.wait()


def claim_of_a_live_process(driver: Driver, cascade_id: str, token: str, database: str | None = None) -> None:
    """The claim a live load of another process of this machine holds on `cascade_id`, as the
    loader makes it (this test process stands in for that one: it is alive)."""
    owner = current_owner()
    driver.execute_query(
        "MERGE (c:Cascade {id: $id}) SET c.loading = $token, c.loading_since = datetime(), "
        "c.loading_until = datetime() + duration('PT1H'), c.loading_owner = $owner, c.loading_by = $by",
        id=cascade_id,
        token=token,
        owner=owner.key,
        by=owner.by,
        database_=database,
    )


def hold_claim(cascade_id: str, token: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """Another process that takes the claim on `cascade_id` and then just lives on."""
    return start_until([PYTHON, "-c", _HOLD_CLAIM, cascade_id, token], "claimed", env)


def loads_with_nodes(driver: Driver, cascade_id: str, database: str | None = None) -> set[str]:
    records = driver.execute_query(cypher("cascade_loads"), cascade=cascade_id, database_=database).records
    return set(records[0]["loads"])


def load_counts(driver: Driver, cascade_id: str, load: str, database: str | None = None) -> dict[str, int]:
    """Nodes per label written by one load of a cascade."""
    records = driver.execute_query(
        "MATCH (n:Position|Element|Indicator {cascade: $cascade, load: $load}) UNWIND labels(n) AS label "
        "RETURN label, count(*) AS n",
        cascade=cascade_id,
        load=load,
        database_=database,
    ).records
    return {r["label"]: r["n"] for r in records}


def mid_load(driver: Driver, cascade_id: str, database: str | None = None) -> bool:
    """Whether a load of the cascade is under way and has written nodes already."""
    records = driver.execute_query(
        "MATCH (c:Cascade {id: $id}) WHERE c.loading IS NOT NULL "
        "RETURN EXISTS { MATCH (i:Indicator {cascade: c.id, load: c.loading}) } AS writing",
        id=cascade_id,
        database_=database,
    ).records
    return bool(records and records[0]["writing"])


def cascade_node(driver: Driver, cascade_id: str, database: str | None = None) -> dict[str, object]:
    records = driver.execute_query(
        "MATCH (c:Cascade {id: $id}) RETURN properties(c) AS c", id=cascade_id, database_=database
    ).records
    return dict(records[0]["c"]) if records else {}


def wait_for(condition: object, timeout: float, what: str) -> float:
    """Poll `condition()` until true; the seconds it took."""
    started = time.monotonic()
    while not condition():  # type: ignore[operator]
        if time.monotonic() - started > timeout:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.05)
    return time.monotonic() - started


@dataclass
class OwnNeo4j:
    """A Neo4j server of the test's own, on a free port, in a fresh folder: safe to kill."""

    server: LocalNeo4j
    target: Target

    def env(self) -> dict[str, str]:
        """The environment of a process that uses this server."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        return env | {"NEO4J_URI": self.target.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": self.target.password or ""}

    def local_env(self) -> dict[str, str]:
        """The environment of a `lineage ... --instance fault` command that runs this server as its
        own local instance (as `lineage db bulk-load` needs: no NEO4J_URI)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "LINEAGE_"))}
        settings = self.server.settings
        return env | {
            "LINEAGE_HOME": str(settings.home),
            "LINEAGE_BOLT_PORT": str(self.server.port),
            "LINEAGE_NEO4J_HEAP": settings.heap,
            "LINEAGE_NEO4J_PAGECACHE": settings.pagecache,
            "NEO4J_PASSWORD": self.target.password or "",
        }

    def kill9(self) -> None:
        pid = self.server.status().pid
        assert pid is not None, "the server is not running"
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: self.server.status().pid is None, 30, "the killed server's pid to be gone")

    def start(self) -> float:
        """Start (again); the seconds until Bolt answered."""
        started = time.monotonic()
        self.server.start(progress=lambda message: None)
        return time.monotonic() - started


@contextmanager
def own_neo4j(heap: str = "512m", pagecache: str = "128m") -> Iterator[OwnNeo4j]:
    """A server of its own under LINEAGE_HOME/faults/, stopped and removed afterwards."""
    port = free_port()
    password = "fault-test-password"
    home = get_settings().home / "faults" / str(port)
    settings = Settings.model_validate(
        {
            "LINEAGE_HOME": str(home),
            "LINEAGE_BOLT_PORT": port,
            "LINEAGE_NEO4J_HEAP": heap,
            "LINEAGE_NEO4J_PAGECACHE": pagecache,
            "NEO4J_PASSWORD": password,
        }
    )
    # the Maven classpath is resolved once per LINEAGE_HOME: reuse the shared one
    shared = get_settings().home / f"neo4j-{settings.neo4j_version}.classpath"
    home.mkdir(parents=True, exist_ok=True)
    if shared.is_file():
        shutil.copy(shared, home / shared.name)
    server = LocalNeo4j(settings, "fault")
    server.start(progress=lambda message: None)
    try:
        yield OwnNeo4j(server, Target(server.uri, "neo4j", password, None, server))
    finally:
        server.stop(progress=lambda message: None)
        shutil.rmtree(home, ignore_errors=True)
