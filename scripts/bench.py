"""Benchmark of the read side, as ratios measured in one run (issue 13, "A benchmark in the repo").

    .venv/bin/python scripts/bench.py                      # default: under 15 min on 2 cores
    .venv/bin/python scripts/bench.py --search-size 10000  # quicker
    .venv/bin/python scripts/bench.py --only questions throughput --workers 1 2 --baseline-rev main
    .venv/bin/python scripts/bench.py --json bench.json

Generates and loads a wide fan-out cascade whose goals have roll-ups of 10, 100, 1,000 and 10,000
contributors (`tests.support.synthetic.generate_wide_cascade`) and a cascade of --search-size
indicators (default 100,000), starts the API in child processes on loopback ports (one with the
walk cache, one without: `cold` is the first time a question is asked, `warm` a question asked
before), and prints, side by side:

- questions: contributors, first page (limit 100): API p50/p99 (cold and warm) vs one raw Cypher
  query (the DISTINCT variable-length pattern with the summaries joined) vs networkx in memory;
  contributes-to of a leaf: API vs one raw path query. Beside them, what the API's time is made
  of: the same question asked of the library in this process (no HTTP; this process keeps no
  walk, as the cold server), and the HTTP floor (the least any FastAPI app served by uvicorn
  costs per request here: `bare_app`, one async route with a small fixed answer, no database);
- pages: all pages of the 10,000 roll-up (limit 500 and 100) vs one raw query;
- search: a common word, and two words, at --search-size: API vs a raw full-text query;
- throughput: 20 clients (small roll-ups; one indicator) vs 20 raw driver threads;
- files: `scripts/bench_load.py` and `scripts/bench_read_files.py` (their `run(sizes)`) when
  they exist.

`--only` runs some of these parts. `--baseline-rev REV` also serves the API as it was at git
revision REV (laid out under LINEAGE_HOME) next to this checkout's, in the questions and the
throughput, so a change is measured before and after in the same minutes of a busy machine.

How the API is asked: over keep-alive HTTP/1.1 connections on plain sockets (`KeepAlive`), each
answer read to its end and, for the latencies, parsed as JSON, as the raw baseline's driver hands
back its records as Python values; a client library (httpx) spent as much CPU per request as the
API itself, which measured the client, not the server.

How the throughput is measured, and why so: the API's 20 clients are keep-alive connections on
plain sockets, in --client-processes processes of their own (not threads of this process, where
they would share one interpreter lock with each other and with the raw baseline), reading each
answer to its end; what they cost is printed first, as their ceiling: the same clients against
GET /vocabulary, which the API answers without Neo4j. Each server is asked once before it is
measured (the first ask plans the statement in Neo4j). The raw baseline stays 20 driver threads
of this process, each asking the same question as one query (`execute_query`). On a machine
shared with other work, every figure moves with the load; compare the ratios of one run.

Writes every figure to --json. Uses the Neo4j the settings point at (NEO4J_URI, else the local
instance --instance, default "test"); loads cascades `bench-wide` and `bench-search` there
(replacing cascades of those ids). The test suite empties the "test" instance: run the bench on
an instance of its own (`LINEAGE_BOLT_PORT=7702 lineage db start --instance bench`, then
`--instance bench` with the same environment).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import httpx
import networkx as nx
from fastapi import FastAPI

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators

from lineage import rollups
from lineage.cascade import Cascade
from lineage.connection import Target, open_driver, resolve_target
from lineage.loader import load_cascade
from lineage.settings import Settings, get_settings
from tests.support.synthetic import ROLL_UPS, generate_cascade, generate_wide_cascade, wide_goal_indicator

SCRIPTS = Path(__file__).resolve().parent
WIDE, SEARCH = "bench-wide", "bench-search"

#: The raw query a question is compared with: what a person would write by hand for the same answer,
#: reading what the answer holds (each indicator's element and owner, the links between them; for
#: one indicator, its neighbours' summaries and the figures of it and its direct contributors), but
#: none of what Lineage adds (paging, sorting, the check that the loads read are still readable).
RAW_CONTRIBUTORS = """
MATCH (c:Cascade {id: $cascade})
MATCH (s:Indicator {uid: $uid, load: c.active_load})
MATCH (s)<-[:CONTRIBUTES_TO*1..10]-(n:Indicator)
WITH DISTINCT n
OPTIONAL MATCH (n)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (n)-[:OWNED_BY]->(o:Position)
RETURN n {.uid, .id, .cascade, .name, .unit} AS indicator, e {.uid, .kind, .name, .code} AS element,
       o {.uid, .name, .tier} AS owner, [(n)-[:CONTRIBUTES_TO]->(m:Indicator) | m.uid] AS up
"""
RAW_PATHS = """
MATCH (c:Cascade {id: $cascade})
MATCH (s:Indicator {uid: $uid, load: c.active_load})
MATCH (s)-[:CONTRIBUTES_TO*1..10]->(n:Indicator)
WITH DISTINCT n
OPTIONAL MATCH (n)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (n)-[:OWNED_BY]->(o:Position)
RETURN n {.uid, .id, .cascade, .name, .unit} AS indicator, e {.uid, .kind, .name, .code} AS element,
       o {.uid, .name, .tier} AS owner, [(n)-[:CONTRIBUTES_TO]->(m:Indicator) | m.uid] AS up
"""
RAW_SEARCH = """
CALL db.index.fulltext.queryNodes('indicator_words', $q, {limit: $limit}) YIELD node
RETURN node {.uid, .id, .cascade, .name, .unit} AS indicator
"""
RAW_INDICATOR = """
MATCH (c:Cascade {id: $cascade})
MATCH (i:Indicator {uid: $uid, load: c.active_load})
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN i {.*} AS indicator, e {.uid, .kind, .name, .code} AS element, o {.uid, .name, .tier} AS owner,
       COLLECT { MATCH (r:Realisation {cascade: i.cascade, indicator: i.id})
                 RETURN r {.year, .quarter, .value, .numerator, .denominator, .note} } AS entered,
       [(i)-[:CONTRIBUTES_TO]->(u:Indicator) | u {.uid, .id, .name, .unit,
           element: [(u)-[:MEASURES]->(x:Element) | x {.uid, .kind, .name, .code}][0],
           owner: [(u)-[:OWNED_BY]->(y:Position) | y {.uid, .name, .tier}][0]}] AS up,
       [(d:Indicator)-[:CONTRIBUTES_TO]->(i) | d {.uid, .id, .name, .unit, .polarity, .data_json,
           element: [(d)-[:MEASURES]->(x:Element) | x {.uid, .kind, .name, .code}][0],
           owner: [(d)-[:OWNED_BY]->(y:Position) | y {.uid, .name, .tier}][0],
           entered: COLLECT { MATCH (r:Realisation {cascade: d.cascade, indicator: d.id})
                              RETURN r {.year, .quarter, .value, .numerator, .denominator, .note} }}] AS down
"""


#: The walks the servers that keep walks keep: the setting this run was given, else its default.
#: (This process itself asks the library with none kept, as the cold server does: `main`.)
WARM_ROWS = os.environ.get("LINEAGE_WALK_CACHE_ROWS", str(Settings.model_fields["walk_cache_rows"].default))


def times(action: Callable[[], object], repeat: int) -> list[float]:
    """Seconds per call, after one call to warm up."""
    return interleaved([action], repeat)[0]


def interleaved(actions: list[Callable[[], object]], repeat: int) -> list[list[float]]:
    """Seconds per call of each action, taking turns (one call of each, `repeat` times), so that a
    busy machine slows each of them alike and the ratios between them hold."""
    for action in actions:
        action()
    out: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for action, seconds in zip(actions, out, strict=True):
            started = time.perf_counter()
            action()
            seconds.append(time.perf_counter() - started)
    return out


def timed_once(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def p50(values: list[float]) -> float:
    return statistics.median(values) * 1000


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000


def figures(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(p50(values), 2), "p99_ms": round(p99(values), 2)}


def bare_app() -> FastAPI:
    """The least a FastAPI app does per request: one async route, a small fixed answer, no
    middleware, no parameters, no database. Served like the API, it is the floor under every
    API figure on this machine: what uvicorn, Starlette and FastAPI cost before any question."""
    app = FastAPI()

    @app.get("/")
    async def nothing() -> dict[str, int]:
        return {"answer": 1}

    return app


def serve(
    target: Target,
    *,
    workers: int = 1,
    source: Path | None = None,
    app: str = "lineage.api.main:create_app",
    **env: str,
) -> tuple[subprocess.Popen[bytes], str]:
    """The API (or another `app` factory) in a child process on a free loopback port, with
    `workers` worker processes, from the source tree `source` (None: this checkout), with extra
    environment `env`."""

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    variables = {**os.environ, "NEO4J_URI": target.uri, "NEO4J_USER": target.user}
    variables |= {"NEO4J_PASSWORD": target.password or "", "LINEAGE_WALK_CACHE_ROWS": WARM_ROWS, **env}
    if source is not None:
        variables["PYTHONPATH"] = str(source)
    command = [sys.executable, "-m", "uvicorn", "--factory", app, "--app-dir", str(Path(__file__).parent)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    command += ["--workers", str(workers)]
    process = subprocess.Popen(command, env=variables, cwd=source or Path.cwd())
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/health", timeout=1.0).status_code in (200, 404):  # bare_app has no /health
                return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the API did not start")


def baseline_tree(revision: str) -> Path:
    """The package `lineage` as it was at `revision` of this repository, laid out as an installed
    package (its api/, cypher/, web/, data/ inside it) under LINEAGE_HOME, to serve it side by side
    with this checkout: a before/after comparison on the same machine in the same minutes."""
    root = SCRIPTS.parent
    commit = subprocess.run(
        ["git", "rev-parse", "--short", revision], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    tree = get_settings().home / "bench-baseline" / commit
    if not (tree / "lineage").exists():
        raw = tree / "raw"
        raw.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=root, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(raw)], input=archive, check=True)
        for inner in ("api", "cypher", "web", "data"):
            (raw / inner).rename(raw / "lineage" / inner)
        (raw / "lineage").rename(tree / "lineage")
    return tree


def ensure_loaded(driver: Any, target: Target, cascade: Cascade) -> float | None:
    """Load `cascade` unless the same generated cascade (same id and size) answers already; the
    seconds the load took (None: it was there)."""
    found = driver.execute_query(
        "MATCH (c:Cascade {id: $id}) MATCH (i:Indicator {cascade: c.id, load: c.active_load}) RETURN count(i) AS n",
        id=cascade.id,
        database_=target.database,
    ).records
    if found and found[0]["n"] == len(cascade.indicators):
        return None
    started = time.perf_counter()
    # force: a smaller generated cascade replaces a bigger one of the same id (--search-size), which
    # the loader's shrink guard would refuse
    load_cascade(driver, cascade, database=target.database, force=True)
    return round(time.perf_counter() - started, 1)


def resident_mb(pid: int) -> float:
    """The resident memory of a process (Linux), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def oracle(cascade: Cascade) -> tuple[nx.DiGraph, dict[str, dict[str, Any]]]:
    """The roll-up graph in memory (indicator uids), with each indicator's summary."""
    graph = nx.DiGraph()
    by_element: dict[str, list[str]] = {}
    elements = {e.id: e for e in cascade.elements}
    for i in cascade.indicators:
        by_element.setdefault(i.measures or "", []).append(i.id)
    summaries = {}
    for i in cascade.indicators:
        element = elements.get(i.measures or "")
        summaries[i.id] = {"name": i.name, "element": element.name if element else None}
        graph.add_node(i.id)
        parent = element.parent if element else None
        for up in i.contributes_to if i.contributes_to is not None else by_element.get(parent or "", []):
            graph.add_edge(i.id, up)
    return graph, summaries


def networkx_contributors(graph: nx.DiGraph, summaries: dict[str, dict[str, Any]], start: str) -> list[Any]:
    hops = nx.single_source_shortest_path_length(graph.reverse(copy=False), start, cutoff=10)
    return sorted((h, summaries[n]["name"], n) for n, h in hops.items() if n != start)


def throughput(call: Callable[[Any], object], make: Callable[[], Any], clients: int, seconds: float) -> float:
    """Successful calls per second from `clients` threads of this process for `seconds` (`make`
    gives each its client): the raw driver baseline. A failed call is not counted."""
    done = [0] * clients
    deadline = time.monotonic() + seconds

    def work(n: int) -> None:
        own = make()
        while time.monotonic() < deadline:
            try:
                call(own)
            except Exception:  # a timeout under load: not a success, and not the end of the run
                continue
            done[n] += 1

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


class KeepAlive:
    """One keep-alive HTTP/1.1 connection on a plain socket: asks GET paths and reads each answer to
    its end by its Content-Length (every answer measured carries one). Plain sockets because a client
    library's own parsing (http.client's header parser, httpx) cost as much CPU per request as the
    API's routing on this 2-core machine: the figures are the server's, not a client library's."""

    def __init__(self, base: str) -> None:
        where = urlsplit(base)
        self.address = (where.hostname or "127.0.0.1", where.port or 80)
        self.host = where.netloc
        self.connection = socket.create_connection(self.address)
        self.buffer = bytearray()

    def get(self, path: str) -> tuple[int, bytes]:
        """The status and body of GET `path` (a new connection when the old one was closed)."""
        try:
            return self._ask(path)
        except OSError:
            self.close()
            self.connection, self.buffer = socket.create_connection(self.address), bytearray()
            return self._ask(path)

    def json(self, path: str) -> Any:
        """GET `path` and the answer read as JSON, as a reporting tool reads it (the raw baseline's
        driver also hands back its records as Python values)."""
        status, body = self.get(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        return json.loads(body)

    def _ask(self, path: str) -> tuple[int, bytes]:
        self.connection.sendall(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        buffer = self.buffer
        while (end := buffer.find(b"\r\n\r\n")) < 0:
            self._receive()
        head = bytes(buffer[:end]).lower()
        start = head.index(b"content-length:") + len(b"content-length:")
        stop = head.find(b"\r\n", start)
        size = end + 4 + int(head[start : stop if stop >= 0 else None])
        while len(buffer) < size:
            self._receive()
        body = bytes(buffer[end + 4 : size])
        del buffer[:size]
        return int(head[9:12]), body

    def _receive(self) -> None:
        chunk = self.connection.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        self.buffer += chunk

    def close(self) -> None:
        self.connection.close()


def _http_clients(base: str, path: str, threads: int, seconds: float, ready: Any, go: Any, results: Any) -> None:
    """One load-generating process: `threads` KeepAlive connections, each asking `path` again and
    again for `seconds` after `go`; puts the number of 200 answers (and the failures) in `results`."""
    done = [0] * threads
    failures: Counter[str] = Counter()

    def work(n: int) -> None:
        go.wait()
        deadline = time.monotonic() + seconds
        client = KeepAlive(base)
        while time.monotonic() < deadline:
            try:
                status, _ = client.get(path)
            except (OSError, ValueError) as exc:  # closed or garbled: a failure, on a new connection
                failures[type(exc).__name__] += 1
                client.close()
                client = KeepAlive(base)
                continue
            if status == 200:
                done[n] += 1
            else:
                failures[str(status)] += 1
        client.close()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    ready.put(True)
    for worker in workers:
        worker.join()
    results.put((sum(done), dict(failures)))


def http_throughput(base: str, path: str, clients: int, seconds: float, processes: int) -> float:
    """200 answers per second from `clients` keep-alive HTTP clients spread over `processes`
    processes of their own (not threads of this one, whose interpreter lock they would share with
    each other and with the raw baseline)."""
    import multiprocessing

    httpx.get(base + path, timeout=120)  # the server's first ask of a statement plans it: not measured
    context = multiprocessing.get_context("spawn")
    ready, results, go = context.Queue(), context.Queue(), context.Event()
    shares = [clients // processes + (1 if n < clients % processes else 0) for n in range(processes)]
    children = [
        context.Process(target=_http_clients, args=(base, path, share, seconds, ready, go, results))
        for share in shares
        if share
    ]
    for child in children:
        child.start()
    for _ in children:
        ready.get(timeout=120)
    started = time.monotonic()
    go.set()
    answers = [results.get(timeout=seconds + 120) for _ in children]
    elapsed = time.monotonic() - started
    total = sum(done for done, _ in answers)
    failures = sum((Counter(failed) for _, failed in answers), Counter())
    if failures:
        print(f"  ({path}: {dict(failures)} failed)", flush=True)
    for child in children:
        child.join()
    return total / elapsed


def all_pages(http: KeepAlive, uid: str, limit: int, depth: int = 10) -> int:
    cursor, items = None, 0
    while True:
        params: dict[str, Any] = {"limit": limit, "depth": depth, **({"cursor": cursor} if cursor else {})}
        body = http.json(f"/indicators/{quote(uid)}/contributors?{urlencode(params)}")
        items += len(body["items"])
        if not (cursor := body["next_cursor"]):
            return items


def external(name: str, sizes: list[int]) -> dict[str, Any] | None:
    """`run(sizes)` of another workstream's benchmark script, when it exists."""
    path = SCRIPTS / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result: dict[str, Any] = module.run(sizes)
    return result


PARTS = ("questions", "pages", "search", "throughput", "files")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--search-size", type=int, default=100_000, help="indicators of the search cascade")
    parser.add_argument("--size", type=int, nargs="*", default=[], help="also run the other benchmarks at these sizes")
    parser.add_argument("--repeat", type=int, default=30, help="timings per figure")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each throughput run")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS), help="run only these parts")
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="API worker processes for throughput")
    parser.add_argument("--client-processes", type=int, default=2, help="processes the 20 HTTP clients run in")
    parser.add_argument("--baseline-rev", help="also serve the API as it was at this git revision, side by side")
    parser.add_argument("--instance", default="test", help="local Neo4j instance when NEO4J_URI is not set")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    os.environ["LINEAGE_WALK_CACHE_ROWS"] = "0"  # the library asked in this process keeps no walk
    target = resolve_target(get_settings(), args.instance)
    driver = open_driver(target)
    out: dict[str, Any] = {"neo4j": target.describe(), "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    bench = Bench(args, target, driver, out)
    try:
        bench.run()
    finally:
        bench.close()
        driver.close()
    if "files" in args.only:
        for name in ("bench_load", "bench_read_files"):
            result = external(name, args.size or [10_000])
            if result is not None:
                out[name] = result
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
        print(f"\nfigures written to {args.json}")
    return 0


class Bench:
    """The API servers of one run and the parts measured against them."""

    def __init__(self, args: argparse.Namespace, target: Target, driver: Any, out: dict[str, Any]) -> None:
        self.args, self.target, self.driver, self.out = args, target, driver, out
        self.servers: list[subprocess.Popen[bytes]] = []
        self.wide = generate_wide_cascade(ROLL_UPS, cascade_id=WIDE)
        out["load_wide_seconds"] = ensure_loaded(driver, target, self.wide)
        loaded = len(self.wide.indicators)
        if "search" in args.only:
            searched = generate_cascade(args.search_size, cascade_id=SEARCH)
            out["load_search_seconds"] = ensure_loaded(driver, target, searched)
            loaded += len(searched.indicators)
        print(f"loaded {loaded:,} indicators", flush=True)
        self.before = baseline_tree(args.baseline_rev) if args.baseline_rev else None

    def serve(self, **options: Any) -> str:
        process, base = serve(self.target, **options)
        self.servers.append(process)
        return base

    def close(self) -> None:
        for server in self.servers:
            server.terminate()
            server.wait(timeout=30)

    def raw(self, statement: str, **params: Any) -> Callable[[], object]:
        return lambda: self.driver.execute_query(statement, database_=self.target.database, routing_="r", **params)

    def floor(self) -> object:
        """`bare_app` answering: what uvicorn, FastAPI and an HTTP client cost on their own, under
        any API's answer on this machine (neither the database nor Lineage's routes)."""
        return self.bare_http.json("/")

    def run(self) -> None:
        only = self.args.only
        if {"questions", "pages", "search"} & set(only):
            self.warm = self.serve()
            self.cold = self.serve(LINEAGE_WALK_CACHE_ROWS="0")
            self.old = self.serve(source=self.before, LINEAGE_WALK_CACHE_ROWS="0") if self.before else None
            self.warm_http, self.cold_http = KeepAlive(self.warm), KeepAlive(self.cold)
            self.old_http = KeepAlive(self.old or self.cold)
            self.bare_http = KeepAlive(self.serve(app="bench:bare_app"))
            try:
                if "questions" in only:
                    self.questions()
                if "pages" in only:
                    self.pages()
                if "search" in only:
                    self.search()
            finally:
                for client in (self.warm_http, self.cold_http, self.old_http, self.bare_http):
                    client.close()
        if "throughput" in only:
            self.throughput()

    def questions(self) -> None:
        """First pages of the roll-ups, and contributes-to of a leaf, against one raw query each."""
        graph, summaries = oracle(self.wide)
        old = self.old is not None
        first_pages: dict[str, Any] = {}
        print(
            f"\n{'contributors':<14}{'API cold':>18}{'API warm':>18}{'raw query':>18}{'networkx':>12}{'cold/raw':>10}"
            f"{'library':>11}{'lib/raw':>9}{'floor':>8}" + (f"{'before':>18}{'before/raw':>11}" if old else "")
        )
        for size in ROLL_UPS:
            uid = wide_goal_indicator(WIDE, size)
            path = f"/indicators/{quote(uid)}/contributors?limit=100"
            repeat = max(5, self.args.repeat // (1 + size // 2000))
            actions = [
                lambda path=path: self.cold_http.json(path),
                lambda path=path: self.warm_http.json(path),
                self.raw(RAW_CONTRIBUTORS, cascade=WIDE, uid=uid),
                lambda uid=uid: networkx_contributors(graph, summaries, uid.split(":")[1]),
                lambda uid=uid: rollups.contributors(self.driver, uid, limit=100, database=self.target.database),
                self.floor,
            ]
            timings = interleaved(actions + ([lambda path=path: self.old_http.json(path)] if old else []), repeat)
            labels = ("api_cold", "api_warm", "raw", "networkx", "library", "http_floor")
            row = {label: figures(values) for label, values in zip(labels, timings, strict=False)}
            row["ratio_cold"], row["ratio_warm"] = _to_raw(row, "api_cold"), _to_raw(row, "api_warm")
            row["ratio_library"] = _to_raw(row, "library")
            line = (
                f"{size:<14,}{_pair(row['api_cold']):>18}{_pair(row['api_warm']):>18}{_pair(row['raw']):>18}"
                f"{row['networkx']['p50_ms']:>10.1f}ms{row['ratio_cold']:>9.2f}x"
                f"{row['library']['p50_ms']:>9.1f}ms{row['ratio_library']:>8.2f}x{row['http_floor']['p50_ms']:>6.1f}ms"
            )
            if old:
                row["before_cold"] = figures(timings[6])
                row["ratio_before"] = _to_raw(row, "before_cold")
                line += f"{_pair(row['before_cold']):>18}{row['ratio_before']:>10.2f}x"
            first_pages[str(size)] = row
            print(line, flush=True)
        self.out["contributors_first_page"] = first_pages

        leaf = f"{WIDE}:ik-sub-10000-0"
        path = f"/indicators/{quote(leaf)}/contributes-to"
        actions = [
            lambda: self.cold_http.json(path),
            lambda: self.warm_http.json(path),
            self.raw(RAW_PATHS, cascade=WIDE, uid=leaf),
            lambda: rollups.contributes_to(self.driver, leaf, database=self.target.database),
            self.floor,
        ]
        timings = interleaved(actions + ([lambda: self.old_http.json(path)] if old else []), self.args.repeat)
        labels = ("api_cold", "api_warm", "raw", "library", "http_floor")
        up = {label: figures(values) for label, values in zip(labels, timings, strict=False)}
        up["ratio_cold"], up["ratio_library"] = _to_raw(up, "api_cold"), _to_raw(up, "library")
        line = (
            f"\ncontributes-to of a leaf: API cold {_pair(up['api_cold'])}, warm {_pair(up['api_warm'])}, "
            f"raw {_pair(up['raw'])}: {up['ratio_cold']}x; library in this process {_pair(up['library'])}: "
            f"{up['ratio_library']}x; HTTP floor {up['http_floor']['p50_ms']}ms"
        )
        if old:
            up["before_cold"] = figures(timings[5])
            up["ratio_before"] = _to_raw(up, "before_cold")
            line += f"; before {_pair(up['before_cold'])}: {up['ratio_before']}x"
        self.out["contributes_to"] = up
        print(line, flush=True)

    def pages(self) -> None:
        """Every page of a question asked for the first time (a depth not asked before: the walk is
        read once, for the first page, and the other pages are cut from it)."""
        goal = wide_goal_indicator(WIDE, 10_000)
        fresh = iter(range(9, 3, -1))
        server = self.servers[0]
        before = resident_mb(server.pid)
        raw_once = statistics.median(times(self.raw(RAW_CONTRIBUTORS, cascade=WIDE, uid=goal), 5))
        pages: dict[str, Any] = {"raw_ms": round(raw_once * 1000, 1)}
        for limit in (500, 100):
            first_time = [
                timed_once(lambda limit=limit: all_pages(self.warm_http, goal, limit, next(fresh))) for _ in range(3)
            ]
            pages[f"limit_{limit}_ms"] = round(statistics.median(first_time) * 1000, 1)
            pages[f"limit_{limit}_ratio"] = round(statistics.median(first_time) / raw_once, 2)
        pages["walks_kept"] = 6
        pages["warm_server_memory_growth_mb"] = round(resident_mb(server.pid) - before, 1)
        self.out["all_pages_10k"] = pages
        print(
            f"\nall pages of 10,000 contributors: limit 500 {pages['limit_500_ms']} ms "
            f"({pages['limit_500_ratio']}x one raw query), limit 100 {pages['limit_100_ms']} ms "
            f"({pages['limit_100_ratio']}x); raw {pages['raw_ms']} ms"
        )

    def search(self) -> None:
        """A common word and two words, in every cascade, against a raw full-text query. The API
        keeps a search's ranked list per (question, loads): its first ask, which ranks every
        match (sorting them by name when there are more than the candidates' cap), is timed
        apart; the p50 is of the asks after it, as a page or a repeated search meets them."""
        search: dict[str, Any] = {}
        repeat = self.args.repeat
        for words, lucene in (("koperasi", "koperasi"), ("koperasi sehat", "+koperasi +sehat")):
            path = "/indicators?" + urlencode({"q": words, "limit": 50})
            first = timed_once(lambda path=path: self.cold_http.json(path)) * 1000
            api = times(
                lambda words=words: self.cold_http.json(
                    "/indicators?" + urlencode({"q": words, "cascade": SEARCH, "limit": 50})
                ),
                repeat,
            )
            api_all = times(lambda path=path: self.cold_http.json(path), repeat)
            raw_search = times(self.raw(RAW_SEARCH, q=lucene, limit=50), repeat)
            search[words] = {
                "api_one_cascade": figures(api),
                "api_all_cascades": figures(api_all),
                "api_first_ask_ms": round(first, 1),
                "raw": figures(raw_search),
                "ratio": round(p50(api_all) / p50(raw_search), 2),
            }
            print(
                f"search {words!r} at {self.args.search_size:,}: API {_pair(figures(api_all))}, "
                f"raw full-text {_pair(figures(raw_search))}: {search[words]['ratio']}x; the API's first ask {first:.1f}ms"
            )
        search["empty_q"] = figures(times(lambda: self.cold_http.json("/indicators?limit=50"), repeat))
        self.out["search"] = search

    def throughput(self) -> None:
        """20 clients for --seconds each. The API's clients are keep-alive http.client connections
        in --client-processes processes of their own, so that the load generator does not share an
        interpreter lock with what it measures; what they cost is printed as their ceiling, the
        same clients against GET /vocabulary (answered without Neo4j). The raw baseline stays 20
        driver threads of this process, each asking the same question as one query."""
        seconds, processes = self.args.seconds, self.args.client_processes
        servers: list[tuple[str, str]] = []
        for workers in self.args.workers:
            suffix = "" if workers == 1 else f"_{workers}_workers"
            servers.append((f"warm{suffix}", self.serve(workers=workers)))
            servers.append((f"cold{suffix}", self.serve(workers=workers, LINEAGE_WALK_CACHE_ROWS="0")))
        if self.before:
            servers.append(("before_cold", self.serve(source=self.before, LINEAGE_WALK_CACHE_ROWS="0")))
        small = wide_goal_indicator(WIDE, 10)
        one = f"{WIDE}:ik-target-100-0"
        rates: dict[str, Any] = {"client_processes": processes}
        rates["client_ceiling"] = round(http_throughput(servers[0][1], "/vocabulary", 20, seconds, processes), 1)
        print(f"\nthroughput, 20 clients: their ceiling (GET /vocabulary) {rates['client_ceiling']}/s", flush=True)
        for name, path, statement, params in (
            ("small_rollup", f"/indicators/{quote(small)}/contributors", RAW_CONTRIBUTORS, {"uid": small}),
            ("one_indicator", f"/indicators/{quote(one)}", RAW_INDICATOR, {"uid": one}),
        ):
            for label, base in servers:
                rates[f"{name}_api_{label}"] = round(http_throughput(base, path, 20, seconds, processes), 1)
            rates[f"{name}_raw"] = round(
                throughput(
                    lambda _, statement=statement, params=params: self.raw(statement, cascade=WIDE, **params)(),
                    lambda: None,
                    20,
                    seconds,
                ),
                1,
            )
            rates[f"{name}_ratio_cold"] = round(rates[f"{name}_api_cold"] / rates[f"{name}_raw"], 2)
            shown = ", ".join(f"{label} {rates[f'{name}_api_{label}']}/s" for label, _ in servers)
            print(
                f"throughput {name}: API {shown}; raw driver threads {rates[f'{name}_raw']}/s: "
                f"{rates[f'{name}_ratio_cold']}x (cold/raw)",
                flush=True,
            )
        self.out["throughput_20_clients"] = rates


def _to_raw(row: dict[str, Any], label: str) -> float:
    """The p50 of `label` in `row` over the raw query's p50, the ratio every question reports."""
    return round(row[label]["p50_ms"] / row["raw"]["p50_ms"], 2)


def _pair(values: dict[str, float]) -> str:
    return f"{values['p50_ms']:.1f}/{values['p99_ms']:.1f}ms"


if __name__ == "__main__":
    raise SystemExit(main())
