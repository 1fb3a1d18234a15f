"""Benchmark of the read side, as ratios measured in one run (issue 13, "A benchmark in the repo").

    .venv/bin/python scripts/bench.py                      # default: under 15 min on 2 cores
    .venv/bin/python scripts/bench.py --search-size 10000  # quicker
    .venv/bin/python scripts/bench.py --json bench.json

Generates and loads a wide fan-out cascade whose goals have roll-ups of 10, 100, 1,000 and 10,000
contributors (`tests.support.synthetic.generate_wide_cascade`) and a cascade of --search-size
indicators (default 100,000), starts the API in child processes on loopback ports (one with the
walk cache, one without: `cold` is the first time a question is asked, `warm` a question asked
before), and prints, side by side:

- contributors, first page (limit 100): API p50/p99 (cold and warm) vs one raw Cypher query (the
  DISTINCT variable-length pattern with the summaries joined) vs networkx in memory;
- contributes-to of a leaf: API vs one raw path query;
- all pages of the 10,000 roll-up (limit 500 and 100) vs one raw query;
- search (a common word, and two words) at --search-size: API vs a raw full-text query;
- throughput with 20 clients (small roll-ups; one indicator) vs 20 raw driver threads.

Also runs `scripts/bench_load.py` and `scripts/bench_read_files.py` (their `run(sizes)`) when they
exist, and writes every figure to --json. Uses the Neo4j the settings point at (NEO4J_URI, else
the local instance --instance, default "test"); loads cascades `bench-wide` and `bench-search`
there (replacing cascades of those ids).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators

from lineage.cascade import Cascade
from lineage.connection import Target, open_driver, resolve_target
from lineage.loader import load_cascade
from lineage.settings import get_settings
from tests.support.synthetic import ROLL_UPS, generate_cascade, generate_wide_cascade, wide_goal_indicator

SCRIPTS = Path(__file__).resolve().parent
WIDE, SEARCH = "bench-wide", "bench-search"

#: The raw query a question is compared with: what a person would write by hand for the answer.
RAW_CONTRIBUTORS = """
MATCH (c:Cascade {id: $cascade})
MATCH (s:Indicator {uid: $uid, load: c.active_load})
MATCH (s)<-[:CONTRIBUTES_TO*1..10]-(n:Indicator)
WITH DISTINCT n
OPTIONAL MATCH (n)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (n)-[:OWNED_BY]->(o:Position)
RETURN n {.uid, .id, .cascade, .name, .unit} AS indicator, e {.uid, .kind, .name, .code} AS element,
       o {.uid, .name, .tier} AS owner
"""
RAW_PATHS = """
MATCH (c:Cascade {id: $cascade})
MATCH (s:Indicator {uid: $uid, load: c.active_load})
MATCH p = (s)-[:CONTRIBUTES_TO*1..10]->(top:Indicator)
WHERE NOT (top)-[:CONTRIBUTES_TO]->()
RETURN [n IN nodes(p) | n {.uid, .name}] AS path
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
RETURN i {.*} AS indicator, e {.uid, .kind, .name} AS element, o {.uid, .name, .tier} AS owner,
       [(i)-[:CONTRIBUTES_TO]->(u) | u.uid] AS up, [(d)-[:CONTRIBUTES_TO]->(i) | d.uid] AS down
"""


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


def serve(target: Target, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """The API in a child process on a free loopback port (with extra environment `env`)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    variables = {**os.environ, "NEO4J_URI": target.uri, "NEO4J_USER": target.user}
    variables |= {"NEO4J_PASSWORD": target.password or "", **env}
    command = [sys.executable, "-m", "uvicorn", "--factory", "lineage.api.main:create_app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, env=variables)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/health", timeout=1.0).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the API did not start")


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
    load_cascade(driver, cascade, database=target.database)
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
    """Successful calls per second from `clients` threads for `seconds` (`make` gives each its
    client); a failed call is not counted, and the thread goes on."""
    done = [0] * clients
    deadline = time.monotonic() + seconds

    def work(n: int) -> None:
        own = make()
        while time.monotonic() < deadline:
            try:
                answer = call(own)
            except Exception:  # a timeout under load: not a success, and not the end of the run
                continue
            if not isinstance(answer, httpx.Response) or answer.status_code == 200:
                done[n] += 1

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def all_pages(http: httpx.Client, uid: str, limit: int, depth: int = 10) -> int:
    cursor, items = None, 0
    while True:
        params: dict[str, Any] = {"limit": limit, "depth": depth, **({"cursor": cursor} if cursor else {})}
        body = http.get(f"/indicators/{quote(uid)}/contributors", params=params).json()
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--search-size", type=int, default=100_000, help="indicators of the search cascade")
    parser.add_argument("--size", type=int, nargs="*", default=[], help="also run the other benchmarks at these sizes")
    parser.add_argument("--repeat", type=int, default=30, help="timings per figure")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each throughput run")
    parser.add_argument("--instance", default="test", help="local Neo4j instance when NEO4J_URI is not set")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    target = resolve_target(get_settings(), args.instance)
    driver = open_driver(target)
    out: dict[str, Any] = {"neo4j": target.describe(), "started": time.strftime("%Y-%m-%dT%H:%M:%S")}

    wide = generate_wide_cascade(ROLL_UPS, cascade_id=WIDE)
    out["load_wide_seconds"] = ensure_loaded(driver, target, wide)
    searched = generate_cascade(args.search_size, cascade_id=SEARCH)
    out["load_search_seconds"] = ensure_loaded(driver, target, searched)
    print(f"loaded {len(wide.indicators):,} + {len(searched.indicators):,} indicators", flush=True)

    def raw(statement: str, **params: Any) -> Callable[[], object]:
        return lambda: driver.execute_query(statement, database_=target.database, routing_="r", **params)

    warm_server, warm = serve(target)
    cold_server, cold = serve(target, LINEAGE_WALK_CACHE_ROWS="0")
    try:
        with (
            httpx.Client(base_url=warm, timeout=300) as warm_http,
            httpx.Client(base_url=cold, timeout=300) as cold_http,
        ):
            graph, summaries = oracle(wide)
            rollups: dict[str, Any] = {}
            print(
                f"\n{'contributors':<14}{'API cold':>18}{'API warm':>18}{'raw query':>18}{'networkx':>12}{'cold/raw':>10}"
            )
            for size in ROLL_UPS:
                uid = wide_goal_indicator(WIDE, size)
                path = f"/indicators/{quote(uid)}/contributors?limit=100"
                repeat = max(5, args.repeat // (1 + size // 2000))
                cold_t, warm_t, raw_t, memory_t = interleaved(
                    [
                        lambda path=path: cold_http.get(path),
                        lambda path=path: warm_http.get(path),
                        raw(RAW_CONTRIBUTORS, cascade=WIDE, uid=uid),
                        lambda uid=uid: networkx_contributors(graph, summaries, uid.split(":")[1]),
                    ],
                    repeat,
                )
                row = {
                    "api_cold": figures(cold_t),
                    "api_warm": figures(warm_t),
                    "raw": figures(raw_t),
                    "networkx": figures(memory_t),
                }
                row["ratio_cold"] = round(row["api_cold"]["p50_ms"] / row["raw"]["p50_ms"], 2)
                row["ratio_warm"] = round(row["api_warm"]["p50_ms"] / row["raw"]["p50_ms"], 2)
                rollups[str(size)] = row
                print(
                    f"{size:<14,}{_pair(row['api_cold']):>18}{_pair(row['api_warm']):>18}{_pair(row['raw']):>18}"
                    f"{row['networkx']['p50_ms']:>10.1f}ms{row['ratio_cold']:>9.2f}x",
                    flush=True,
                )
            out["contributors_first_page"] = rollups

            leaf = f"{WIDE}:ik-sub-10000-0"
            cold_t, warm_t, raw_t = interleaved(
                [
                    lambda: cold_http.get(f"/indicators/{quote(leaf)}/contributes-to"),
                    lambda: warm_http.get(f"/indicators/{quote(leaf)}/contributes-to"),
                    raw(RAW_PATHS, cascade=WIDE, uid=leaf),
                ],
                args.repeat,
            )
            up = {"api_cold": figures(cold_t), "api_warm": figures(warm_t), "raw": figures(raw_t)}
            up["ratio_cold"] = round(up["api_cold"]["p50_ms"] / up["raw"]["p50_ms"], 2)
            out["contributes_to"] = up
            print(
                f"\ncontributes-to of a leaf: API cold {_pair(up['api_cold'])}, warm {_pair(up['api_warm'])}, "
                f"raw {_pair(up['raw'])}: {up['ratio_cold']}x"
            )

            # Every page of a question asked for the first time (a depth not asked before: the walk
            # is read once, for the first page, and the other pages are cut from it).
            goal = wide_goal_indicator(WIDE, 10_000)
            fresh = iter(range(9, 3, -1))
            before = resident_mb(warm_server.pid)
            raw_once = statistics.median(times(raw(RAW_CONTRIBUTORS, cascade=WIDE, uid=goal), 5))
            pages: dict[str, Any] = {"raw_ms": round(raw_once * 1000, 1)}
            for limit in (500, 100):
                first_time = [
                    timed_once(lambda limit=limit: all_pages(warm_http, goal, limit, next(fresh))) for _ in range(3)
                ]
                pages[f"limit_{limit}_ms"] = round(statistics.median(first_time) * 1000, 1)
                pages[f"limit_{limit}_ratio"] = round(statistics.median(first_time) / raw_once, 2)
            pages["walks_kept"] = 6
            pages["warm_server_memory_growth_mb"] = round(resident_mb(warm_server.pid) - before, 1)
            out["all_pages_10k"] = pages
            print(
                f"\nall pages of 10,000 contributors: limit 500 {pages['limit_500_ms']} ms "
                f"({pages['limit_500_ratio']}x one raw query), limit 100 {pages['limit_100_ms']} ms "
                f"({pages['limit_100_ratio']}x); raw {pages['raw_ms']} ms"
            )

            search: dict[str, Any] = {}
            for words, lucene in (("koperasi", "koperasi"), ("koperasi sehat", "+koperasi +sehat")):
                api = times(
                    lambda words=words: cold_http.get(
                        "/indicators", params={"q": words, "cascade": SEARCH, "limit": 50}
                    ),
                    args.repeat,
                )
                api_all = times(
                    lambda words=words: cold_http.get("/indicators", params={"q": words, "limit": 50}), args.repeat
                )
                raw_search = times(raw(RAW_SEARCH, q=lucene, limit=50), args.repeat)
                search[words] = {
                    "api_one_cascade": figures(api),
                    "api_all_cascades": figures(api_all),
                    "raw": figures(raw_search),
                    "ratio": round(p50(api_all) / p50(raw_search), 2),
                }
                print(
                    f"search {words!r} at {args.search_size:,}: API {_pair(figures(api_all))}, "
                    f"raw full-text {_pair(figures(raw_search))}: {search[words]['ratio']}x"
                )
            empty = times(lambda: cold_http.get("/indicators", params={"limit": 50}), args.repeat)
            search["empty_q"] = figures(empty)
            out["search"] = search

            small = wide_goal_indicator(WIDE, 10)
            one = f"{WIDE}:ik-target-100-0"
            rates: dict[str, Any] = {}
            for name, path, statement, params in (
                ("small_rollup", f"/indicators/{quote(small)}/contributors", RAW_CONTRIBUTORS, {"uid": small}),
                ("one_indicator", f"/indicators/{quote(one)}", RAW_INDICATOR, {"uid": one}),
            ):
                for label, base in (("warm", warm), ("cold", cold)):
                    rates[f"{name}_api_{label}"] = round(
                        throughput(
                            lambda http, path=path: http.get(path),
                            lambda base=base: httpx.Client(base_url=base, timeout=60),
                            20,
                            args.seconds,
                        ),
                        1,
                    )
                rates[f"{name}_raw"] = round(
                    throughput(
                        lambda _, statement=statement, params=params: raw(statement, cascade=WIDE, **params)(),
                        lambda: None,
                        20,
                        args.seconds,
                    ),
                    1,
                )
                rates[f"{name}_ratio_cold"] = round(rates[f"{name}_api_cold"] / rates[f"{name}_raw"], 2)
                print(
                    f"throughput {name}: API warm {rates[f'{name}_api_warm']}/s, cold {rates[f'{name}_api_cold']}/s, "
                    f"raw driver threads {rates[f'{name}_raw']}/s: {rates[f'{name}_ratio_cold']}x",
                    flush=True,
                )
            out["throughput_20_clients"] = rates
    finally:
        for server in (warm_server, cold_server):
            server.terminate()
            server.wait(timeout=30)
        driver.close()

    for name in ("bench_load", "bench_read_files"):
        result = external(name, args.size or [10_000])
        if result is not None:
            out[name] = result
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
        print(f"\nfigures written to {args.json}")
    return 0


def _pair(values: dict[str, float]) -> str:
    return f"{values['p50_ms']:.1f}/{values['p99_ms']:.1f}ms"


if __name__ == "__main__":
    raise SystemExit(main())
