#!/usr/bin/env python3
"""Time the offline audit and the database audit of generated cascades (10,000 and 100,000
indicators by default), and print the figures and how the time grows with the size.

    .venv/bin/python scripts/audit_benchmark.py [--indicators 10000 100000 1000000] [--seed 1] [--instance test]

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
from lineage.cascade import read_cascade
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
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {what:<44} {wall:8.2f} s wall {cpu:8.2f} s CPU", flush=True)
    if timing is not None:
        timing.wall, timing.cpu = min(timing.wall, wall), min(timing.cpu, cpu)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, nargs="+", default=[10_000, 100_000], help="sizes to audit")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=2, help="runs of each audit (the best counts)")
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
    print(f"\nTime per size, relative to {smallest:,} indicators (linear: the ratio of the sizes):")
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
    timings = {"offline": Timing()}
    print("Offline audit (networkx, in memory):")
    if not args.no_file:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "cascade.json"
            path.write_text(json.dumps(cascade.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
            timed("read and validate the file (lineage.cascade)", lambda: read_cascade(path, refuse_cycles=False))
    gc.collect()
    for run in range(1, args.runs + 1):
        offline = timed(f"audit the validated model, run {run}", lambda: audit_cascade(cascade), timings["offline"])
    print(f"  {len(offline):,} findings")
    if driver is None:
        return timings

    timings["database"] = Timing()
    print(f"Database audit (Cypher on the active load) in {target.describe()}:")
    timed("load the cascade (not part of the audit)", lambda: load_cascade(driver, cascade, database=target.database))
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
