"""Benchmark: a very large cascade already loaded (a nation's, 10^6 indicators), its store and its questions.

    # the 1M file (copies of the 100k cascade), a server of its own, the first load, then this:
    .venv/bin/python scripts/bench_read_files.py --size 1000000 --kinds json --folder DIR --steps json
    LINEAGE_HOME=H LINEAGE_BOLT_PORT=P LINEAGE_NEO4J_HEAP=4g LINEAGE_NEO4J_PAGECACHE=3g lineage db start
    LINEAGE_MAX_FILE_BYTES=4GiB LINEAGE_MAX_VALUES=100000000 lineage load DIR/cascade-1000000.json
    .venv/bin/python scripts/bench_scale.py --instance main --port 8104 --json scale.json

Unlike scripts/bench.py, which generates and loads its own cascades, this measures what is
loaded (the largest cascade, or --cascade), so that a load of an hour is not repeated per run:

- the store: node and relationship counts, the database's folder on disk (`du`: data files,
  indexes, and transaction logs apart), the server's heap and page cache settings;
- each question, --repeat times, taking turns with the raw Cypher query giving the same answer
  (the RAW_* statements of scripts/bench.py), p50 and p99: contributors of the top goal with
  the most contributors (the generated cascades' roll-ups are a few hundred; scripts/bench.py
  measures wide ones of 10,000) (first page, walk cache on as served, and off), contributes-to of a
  leaf, one indicator, search of a common word, search with an empty q (no raw query: the
  API's own order is the question).

The API runs in a child process (uvicorn, --port and the next one for the cache-off server).
Figures go to --json as well as to the screen.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
sys.path.insert(0, str(SCRIPTS.parent))

from bench import RAW_CONTRIBUTORS, RAW_INDICATOR, RAW_PATHS, RAW_SEARCH, KeepAlive, figures, interleaved  # noqa: E402

from lineage.connection import Target, open_driver, resolve_target  # noqa: E402
from lineage.settings import get_settings  # noqa: E402

#: The largest cascade and its active load.
LARGEST = """
MATCH (c:Cascade) WHERE c.active_load IS NOT NULL
CALL (c) { MATCH (i:Indicator {cascade: c.id, load: c.active_load}) RETURN count(i) AS n }
RETURN c.id AS cascade, c.active_load AS load, n ORDER BY n DESC LIMIT 1
"""
#: The top of the roll-up (it contributes to nothing) with the most contributors.
TOP_GOAL = """
MATCH (i:Indicator {cascade: $cascade, load: $load})
WHERE NOT (i)-[:CONTRIBUTES_TO]->()
CALL (i) { MATCH (i)<-[:CONTRIBUTES_TO*1..10]-(n) RETURN count(DISTINCT n) AS contributors }
RETURN i.uid AS uid, contributors ORDER BY contributors DESC, uid LIMIT 1
"""
#: A leaf at the bottom of a long chain, past the first tenth of the file (not the first written).
LEAF = """
MATCH (i:Indicator {cascade: $cascade, load: $load})
WHERE i.seq >= $past AND NOT ()-[:CONTRIBUTES_TO]->(i) AND (i)-[:CONTRIBUTES_TO]->()
RETURN i.uid AS uid, head([(i)-[:CONTRIBUTES_TO]->(u) | u.uid]) AS up ORDER BY i.seq LIMIT 1
"""
COUNTS = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
"""
SETTINGS = "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value"
SERVER_SETTINGS = ["server.memory.heap.max_size", "server.memory.heap.initial_size", "server.memory.pagecache.size"]
#: The word searched: in the names of a twelfth of the generated indicators.
WORD = "koperasi"


def du_mib(path: Path) -> float | None:
    """What `du` says a folder holds, in MiB (None: no such folder)."""
    if not path.exists():
        return None
    done = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return round(int(done.stdout.split()[0]) / 1024, 1)


def store(target: Target, driver: Any) -> dict[str, Any]:
    """Counts, settings and, for Lineage's own local server, sizes on disk. Those are as of the
    server's last checkpoint: what was written since lives in the page cache and the transaction
    logs (Community has no `db.checkpoint()`; a clean stop checkpoints, then `du` says it all)."""
    out: dict[str, Any] = dict(driver.execute_query(COUNTS, database_=target.database).records[0])
    rows = driver.execute_query(SETTINGS, names=SERVER_SETTINGS, database_=target.database).records
    out["settings"] = {r["name"]: r["value"] for r in rows}
    if target.local is not None:
        data = target.local.home / "data"
        database = target.database or "neo4j"
        out["database_mib"] = du_mib(data / "databases" / database)
        out["transactions_mib"] = du_mib(data / "transactions" / database)
        out["folder"] = str(data)
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(target: Target, port: int, **env: str) -> subprocess.Popen[bytes]:
    """The API on 127.0.0.1:`port` in a child process, once it answers."""
    variables = {**os.environ, "NEO4J_URI": target.uri, "NEO4J_USER": target.user}
    variables |= {"NEO4J_PASSWORD": target.password or "", **env}
    command = [sys.executable, "-m", "uvicorn", "--factory", "lineage.api.main:create_app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, env=variables)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1.0).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit(f"the API did not start on port {port}")


def ok(http: KeepAlive, path: str, **params: Any) -> Callable[[], object]:
    """A call that fails the benchmark on anything but 200 (a timing of an error is no figure); the
    answer is read as JSON over a plain keep-alive socket, as scripts/bench.py asks (a client
    library's own time is not the API's)."""
    asked = f"{path}?{urlencode(params)}" if params else path

    def call() -> object:
        status, body = http.get(asked)
        if status != 200:
            raise SystemExit(f"{asked}: {status} {body[:300]!r}")
        return json.loads(body)

    return call


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instance", default="main", help="local Neo4j instance when NEO4J_URI is not set")
    parser.add_argument("--cascade", help="the cascade to ask about (default: the one with most indicators)")
    parser.add_argument("--repeat", type=int, default=30, help="timings per figure (default 30)")
    parser.add_argument(
        "--port", type=int, default=8104, help="the API's port; the cache-off API takes the next (0: any free ports)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--store-only", action="store_true", help="only the store's figures, no questions")
    args = parser.parse_args()
    target = resolve_target(get_settings(), args.instance)
    driver = open_driver(target)

    def query(statement: str, **params: Any) -> list[Any]:
        return list(driver.execute_query(statement, database_=target.database, routing_="r", **params).records)

    def raw(statement: str, **params: Any) -> Callable[[], object]:
        return lambda: query(statement, **params)

    largest = (
        query(LARGEST)
        if not args.cascade
        else query(LARGEST.replace("MATCH (c:Cascade)", "MATCH (c:Cascade {id: $id})"), id=args.cascade)
    )
    if not largest:
        raise SystemExit("no cascade is loaded")
    cascade, load, indicators = largest[0]["cascade"], largest[0]["load"], largest[0]["n"]
    out: dict[str, Any] = {
        "neo4j": target.describe(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "repeat": args.repeat,
    }
    out["cascade"] = {"id": cascade, "load": load, "indicators": indicators}
    out["store"] = store(target, driver)
    print(json.dumps(out, indent=2), flush=True)
    if args.store_only:
        if args.json:
            args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
        return 0

    started = time.perf_counter()
    top = query(TOP_GOAL, cascade=cascade, load=load)[0]["uid"]
    leaf_row = query(LEAF, cascade=cascade, load=load, past=indicators // 10)[0]
    out["picking_seconds"] = round(time.perf_counter() - started, 1)
    leaf, one = leaf_row["uid"], leaf_row["up"]
    total = len(query(RAW_CONTRIBUTORS, cascade=cascade, uid=top))
    out["picked"] = {"top_goal": top, "top_goal_contributors": total, "leaf": leaf, "one_indicator": one}
    print(json.dumps(out["picked"]), flush=True)

    port, cold_port = (args.port, args.port + 1) if args.port else (free_port(), free_port())
    served = serve(target, port)
    cold_server = serve(target, cold_port, LINEAGE_WALK_CACHE_ROWS="0")
    questions: dict[str, Any] = {}
    try:
        http, cold = KeepAlive(f"http://127.0.0.1:{port}"), KeepAlive(f"http://127.0.0.1:{cold_port}")
        try:
            plan: list[tuple[str, list[Callable[[], object]], list[str]]] = [
                (
                    "contributors_top_goal_first_page",
                    [
                        ok(http, f"/indicators/{quote(top)}/contributors", limit=100),
                        ok(cold, f"/indicators/{quote(top)}/contributors", limit=100),
                        raw(RAW_CONTRIBUTORS, cascade=cascade, uid=top),
                    ],
                    ["api", "api_walk_cache_off", "raw"],
                ),
                (
                    "contributes_to_leaf",
                    [ok(http, f"/indicators/{quote(leaf)}/contributes-to"), raw(RAW_PATHS, cascade=cascade, uid=leaf)],
                    ["api", "raw"],
                ),
                (
                    "one_indicator",
                    [ok(http, f"/indicators/{quote(one)}"), raw(RAW_INDICATOR, cascade=cascade, uid=one)],
                    ["api", "raw"],
                ),
                (
                    "search_common_word",
                    [ok(http, "/indicators", q=WORD, limit=50), raw(RAW_SEARCH, q=WORD, limit=50)],
                    ["api", "raw"],
                ),
                ("search_empty_q", [ok(http, "/indicators", limit=50)], ["api"]),
            ]
            for name, actions, labels in plan:
                timings = interleaved(actions, args.repeat)
                row: dict[str, Any] = {label: figures(t) for label, t in zip(labels, timings, strict=True)}
                if "raw" in row:
                    row["ratio_p50"] = round(row["api"]["p50_ms"] / row["raw"]["p50_ms"], 2)
                questions[name] = row
                print(f"{name:<34} " + "  ".join(f"{k} {v}" for k, v in row.items()), flush=True)
        finally:
            http.close()
            cold.close()
    finally:
        for process in (served, cold_server):
            process.terminate()
            process.wait(timeout=30)
        driver.close()
    out["questions"] = questions
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
