"""Soak: many clients asking questions while a cascade is reloaded over and over; every answer
must be whole (equal to the one given before the reloads began) and none may fail.

    .venv/bin/python scripts/soak.py --clients 50 --seconds 120 --reload-every 2
    .venv/bin/python scripts/soak.py --clients 50 --seconds 120 --generated 20000

Loads the cascade (Makassar's, or a generated one of N indicators), starts the API in a child
process on a free loopback port (or uses --url, which must be a loopback address), takes a
reference answer for each question, then runs N client threads (search, contributors,
contributes-to, one indicator, series, the page's assets) for the time given while a thread
reloads the cascade (the same content: answers must not change) every --reload-every seconds, or
back to back when a reload takes longer. Prints requests, statuses, p50/p99 and the answers that
differed from the reference (minus volatile fields: cursors, load times); writes them as JSON with
--json. Exit status 1 when any answer was >= 500 or inconsistent.

Uses the Neo4j the settings point at (NEO4J_URI, else the local instance --instance, default
"test"); it loads the cascade there (replacing a cascade of the same id).
"""

from __future__ import annotations

import argparse
import hashlib
import ipaddress
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators

from lineage.cascade import Cascade, read_cascade
from lineage.connection import Target, open_driver, resolve_target
from lineage.loader import load_cascade
from lineage.settings import get_settings
from tests.support.paths import MAKASSAR
from tests.support.synthetic import generate_cascade

#: Answer fields that differ between equal answers: cursors name loads, loads have their times.
VOLATILE = {"next_cursor", "loaded_at"}


@dataclass
class Tally:
    """What the clients saw; shared between threads under `lock`."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    by_path: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    inconsistent: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    reloads: list[float] = field(default_factory=list)
    reload_errors: list[str] = field(default_factory=list)

    def add(self, path: str, status: int, seconds: float, same: bool, body: bytes) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_path.setdefault(path, []).append(seconds)
            self.statuses[status] += 1
            if status >= 500 and len(self.failures) < 20:
                self.failures.append(f"{status} {path}: {body[:300]!r}")
            if status == 200 and not same:
                self.inconsistent[path] += 1


def questions(cascade: Cascade) -> list[str]:
    """The requests the clients make: the same kinds a reporting tool and the page make."""
    ids = [f"{cascade.id}:{i.id}" for i in cascade.indicators]
    by_id = {i.id: i for i in cascade.indicators}
    parents = {p for i in cascade.indicators for p in (i.contributes_to or [])}
    top = next((f"{cascade.id}:{i.id}" for i in cascade.indicators if i.id in parents), ids[0])
    leaf = next((f"{cascade.id}:{i}" for i in reversed(list(by_id)) if i not in parents), ids[-1])
    middle = ids[len(ids) // 3]
    word = cascade.indicators[0].name.split()[-1]
    return [
        f"/indicators?q={quote('koperasi')}&limit=20",
        f"/indicators?q={quote(word)}&cascade={cascade.id}&limit=20",
        "/indicators?limit=50",
        f"/indicators/{quote(top)}/contributors?limit=100",
        f"/indicators/{quote(top)}/contributors?tier=staff&limit=50",
        f"/indicators/{quote(middle)}/contributors",
        f"/indicators/{quote(leaf)}/contributes-to",
        f"/indicators/{quote(middle)}/contributes-to",
        f"/indicators/{quote(middle)}",
        f"/indicators/{quote(middle)}/series",
        f"/cascades/{cascade.id}/elements?roots=true",
        "/cascades",
        "/",
        "/ui/app.js",
    ]


def fingerprint(response: httpx.Response) -> str:
    """The answer without its volatile fields, hashed."""
    if response.headers.get("content-type", "").startswith("application/json"):
        return hashlib.sha256(json.dumps(_strip(response.json()), sort_keys=True).encode()).hexdigest()
    return hashlib.sha256(response.content).hexdigest()


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def client(base: str, paths: list[str], reference: dict[str, str], deadline: float, tally: Tally, seed: int) -> None:
    order = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60.0) as http:
        while time.monotonic() < deadline:
            path = order.choice(paths)
            started = time.perf_counter()
            try:
                response = http.get(path)
            except httpx.HTTPError as exc:
                tally.add(path, 599, time.perf_counter() - started, False, repr(exc).encode())
                continue
            seconds = time.perf_counter() - started
            same = response.status_code == 200 and fingerprint(response) == reference[path]
            tally.add(path, response.status_code, seconds, same, response.content)


def reloader(target: Target, cascade: Cascade, every: float, deadline: float, tally: Tally) -> None:
    driver = open_driver(target)
    try:
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                load_cascade(driver, cascade, database=target.database)
            except Exception as exc:  # a failed reload is reported, and the loop goes on
                tally.reload_errors.append(repr(exc)[:300])
            took = time.monotonic() - started
            tally.reloads.append(took)
            time.sleep(max(0.0, min(every - took, deadline - time.monotonic())))
    finally:
        driver.close()


def serve(target: Target) -> tuple[subprocess.Popen[bytes], str]:
    """The API in a child process (its own interpreter: the clients here do not slow it down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NEO4J_URI": target.uri, "NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password or ""}
    if target.database:
        env["NEO4J_DATABASE"] = target.database
    command = [sys.executable, "-m", "uvicorn", "--factory", "lineage.api.main:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/health", timeout=1.0).status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise SystemExit("the API did not start")
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("the API did not answer within 60 s")


def loopback(url: str) -> str:
    host = urlsplit(url).hostname or ""
    try:
        if host == "localhost" or ipaddress.ip_address(host).is_loopback:
            return url.rstrip("/")
    except ValueError:
        pass
    raise SystemExit(f"--url must be a loopback address (127.0.0.1, ::1, localhost), not {host!r}")


def run(
    *,
    clients: int,
    seconds: float,
    reload_every: float,
    cascade: Cascade,
    target: Target,
    url: str | None = None,
) -> dict[str, Any]:
    """The soak; its figures as a dict."""
    driver = open_driver(target)
    try:
        load_cascade(driver, cascade, database=target.database)
    finally:
        driver.close()
    process, base = (None, loopback(url)) if url else serve(target)
    try:
        paths = questions(cascade)
        with httpx.Client(base_url=base, timeout=120.0) as http:
            first = {path: http.get(path) for path in paths}
        broken = {path: r.status_code for path, r in first.items() if r.status_code != 200}
        if broken:
            raise SystemExit(f"questions that fail before any reload: {broken}")
        reference = {path: fingerprint(r) for path, r in first.items()}
        tally = Tally()
        deadline = time.monotonic() + seconds
        threads = [threading.Thread(target=reloader, args=(target, cascade, reload_every, deadline, tally))]
        threads += [
            threading.Thread(target=client, args=(base, paths, reference, deadline, tally, n)) for n in range(clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    latencies = sorted(tally.latencies)
    return {
        "cascade": cascade.id,
        "indicators": len(cascade.indicators),
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "statuses": dict(sorted(tally.statuses.items())),
        "server_errors": sum(n for status, n in tally.statuses.items() if status >= 500),
        "inconsistent": sum(tally.inconsistent.values()),
        "inconsistent_paths": dict(tally.inconsistent.most_common(10)),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 1)
        if latencies
        else None,
        "p50_p99_ms_by_question": {
            path: [
                round(1000 * statistics.median(times), 1),
                round(1000 * sorted(times)[int(0.99 * (len(times) - 1))], 1),
            ]
            for path, times in sorted(tally.by_path.items())
        },
        "reloads": len(tally.reloads),
        "reload_seconds_mean": round(statistics.mean(tally.reloads), 2) if tally.reloads else None,
        "reload_errors": tally.reload_errors[:5],
        "failures": tally.failures[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--reload-every", type=float, default=2.0, help="seconds between reload starts")
    parser.add_argument("--generated", type=int, metavar="N", help="a generated cascade of N indicators, not Makassar")
    parser.add_argument("--url", help="an API already running (loopback only); default: start one")
    parser.add_argument("--instance", default="test", help="local Neo4j instance when NEO4J_URI is not set")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not 1 <= args.clients <= 500 or not 0 < args.seconds <= 3600:
        parser.error("--clients 1-500, --seconds up to 3600")
    cascade = (
        generate_cascade(args.generated, cascade_id=f"soak-{args.generated}")
        if args.generated
        else read_cascade(MAKASSAR)
    )
    figures = run(
        clients=args.clients,
        seconds=args.seconds,
        reload_every=args.reload_every,
        cascade=cascade,
        target=resolve_target(get_settings(), args.instance),
        url=args.url,
    )
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 1 if figures["server_errors"] or figures["inconsistent"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
