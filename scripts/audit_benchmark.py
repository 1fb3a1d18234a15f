#!/usr/bin/env python3
"""Time the offline audit and the database audit of generated cascades (10,000 and 100,000
indicators by default), and print the figures and how the time grows with the size.

    .venv/bin/python scripts/audit_benchmark.py [--indicators 10000 100000] [--runs 3] [--instance test]
    .venv/bin/python scripts/audit_benchmark.py --indicators 1000000 --offline-only --runs 1 --no-file

Each audit runs `--runs` times; the best wall-clock time and the best CPU time of this process
count (apart: on a shared machine the wall clock also counts others' work, and the database's CPU
is not in this process's). Next to each size's audit it times a linear reference in the same run:
every node of the cascade put in a dict by id, and each node's parent and element looked up in
it. Its growth from the smallest size is how this machine's memory, not the audit, makes
plain linear Python work grow (a cascade of 10,000 fits in the processor's cache, one of 100,000
does not): an audit that grows like the reference is linear. It also prints the cyclic garbage
collections during each audit (the audit pauses the collector: see `_COLLECTIONS`) and the audit's peak
memory above what the process held before it.

The cascade is the labelled set's (realistic, distinct names that share much vocabulary, so the
duplicate search does real work; defects injected, no cycle so the loader takes it). It is
loaded into Neo4j as cascade "audit-benchmark" (replacing an earlier one); Neo4j is the one
NEO4J_URI names, else Lineage's local server (`--instance`). Each audit runs twice: the first
database run includes Neo4j compiling the queries.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators the tests use

from neo4j import Driver

from lineage.audit.database import audit_database
from lineage.audit.offline import audit_cascade
from lineage.cascade import Cascade, read_cascade
from lineage.connection import Target, open_driver, resolve_target
from lineage.loader import load_cascade
from lineage.settings import get_settings
from tests.support.synthetic_audit import generate_labelled_cascade

T = TypeVar("T")


@dataclass
class Timing:
    """The best of a step's runs: wall-clock seconds, and the CPU seconds of this process (on a
    shared machine the wall clock also counts others' work; the database's CPU is not in them)."""

    wall: float = float("inf")
    cpu: float = float("inf")


def timed(what: str, work: Callable[[], T], timing: Timing | None = None) -> T:
    peak_reset = _reset_peak()
    before = _memory("VmRSS")
    _COLLECTIONS.clear()
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    end, cpu = time.perf_counter(), time.process_time() - cpu
    wall = end - start
    generations = [generation for at, generation in _COLLECTIONS if start <= at <= end]
    collections = ", ".join(f"{generations.count(g)} of gen {g}" for g in sorted(set(generations))) or "none"
    memory = f", peak +{max(0, _memory('VmHWM') - before) / 2**20:,.0f} MB" if peak_reset else ""
    print(f"  {what:<44} {wall:8.2f} s wall {cpu:8.2f} s CPU; collections: {collections}{memory}", flush=True)
    if timing is not None:
        timing.wall, timing.cpu = min(timing.wall, wall), min(timing.cpu, cpu)
    return result


#: When each cyclic garbage collection started (`time.perf_counter`) and its generation, since the
#: last timed step began. The audit pauses the collector; the one collection expected is the one
#: that runs as it ends (generation 0: the objects the audit made that are still alive, once).
_COLLECTIONS: list[tuple[float, int]] = []


def _on_collection(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _COLLECTIONS.append((time.perf_counter(), info["generation"]))


gc.callbacks.append(_on_collection)


def _reset_peak() -> bool:
    """Start the process's peak resident memory (VmHWM) afresh (Linux), so it measures one step."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _memory(field: str) -> int:
    """A memory figure of this process from /proc/self/status, in bytes (0 where there is none)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    found = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


def reference(cascade: Cascade, passes: int = 10) -> int:
    """Linear work on the same data: every node in a dict by id, each one's parent and element
    looked up in it (the kind of work the audit does, per node, with nothing that grows faster);
    `passes` times, so that it takes long enough at 10,000 indicators to be timed."""
    found = 0
    for _ in range(passes):
        nodes: dict[str, object] = {e.id: e for e in cascade.elements}
        nodes.update((i.id, i) for i in cascade.indicators)
        found += sum(1 for e in cascade.elements if e.parent in nodes)
        found += sum(1 for i in cascade.indicators if i.measures in nodes)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, nargs="+", default=[10_000, 100_000], help="sizes to audit")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="runs of each audit (the best counts)")
    parser.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")
    parser.add_argument("--no-file", action="store_true", help="skip timing the reading of the cascade file")
    parser.add_argument("--offline-only", action="store_true", help="no database audit")
    args = parser.parse_args()

    target = resolve_target(get_settings(), args.instance)
    driver = None if args.offline_only else open_driver(target)
    figures: dict[int, dict[str, Timing]] = {}
    try:
        for size in args.indicators:
            figures[size] = audit_one_size(size, args, driver, target)
    finally:
        if driver is not None:
            driver.close()

    smallest = min(figures)
    print(
        f"\nTime per size, relative to {smallest:,} indicators (linear: the ratio of the sizes; "
        "the reference: how linear work grows on this machine in this run):"
    )
    for size, timings in sorted(figures.items()):
        for path, timing in timings.items():
            base = figures[smallest][path]
            print(
                f"  {path:<9} {size:>9,}: {timing.wall:8.2f} s wall ({timing.wall / base.wall:5.1f}x), "
                f"{timing.cpu:8.2f} s CPU ({timing.cpu / base.cpu:5.1f}x); sizes {size / smallest:.0f}x"
            )


def audit_one_size(size: int, args: argparse.Namespace, driver: Driver | None, target: Target) -> dict[str, Timing]:
    print(f"\nGenerating a labelled cascade of {size:,} indicators (seed {args.seed}) ...", flush=True)
    labelled = generate_labelled_cascade(
        size,
        seed=args.seed,
        cascade_id="audit-benchmark",
        per_rule=max(1, size // 2_000),
        near_duplicates=size // 200,
        cycles=False,
    )
    cascade = labelled.cascade
    print(
        f"  {len(cascade.indicators):,} indicators, {len(cascade.elements):,} elements, {len(labelled.labels)} injected defects"
    )
    timings = {"reference": Timing(), "offline": Timing()}
    print("Offline audit (in memory):")
    if not args.no_file:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "cascade.json"
            path.write_text(json.dumps(cascade.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
            timed("read and validate the file (lineage.cascade)", lambda: read_cascade(path, refuse_cycles=False))
    gc.collect()
    for run in range(1, args.runs + 1):
        timed(f"linear reference, run {run}", lambda: reference(cascade), timings["reference"])
        offline = timed(f"audit the validated model, run {run}", lambda: audit_cascade(cascade), timings["offline"])
    print(f"  {len(offline):,} findings")
    if driver is None:
        return timings

    timings["database"] = Timing()
    print(f"Database audit (Cypher on the active load) in {target.describe()}:")
    # force: the cascade of another size it replaces shares few ids with it (the loader refuses
    # a load that removes most of the indicators unless told to).
    timed(
        "load the cascade (not part of the audit)",
        lambda: load_cascade(driver, cascade, database=target.database, force=True),
    )
    gc.collect()
    for run in range(1, args.runs + 1):
        report = timed(
            f"audit the loaded cascade, run {run}",
            lambda: audit_database(driver, cascade="audit-benchmark", database=target.database),
            timings["database"],
        )
    print(f"  {len(report.findings):,} findings; the same as offline: {report.findings == offline}")
    return timings


if __name__ == "__main__":
    main()
