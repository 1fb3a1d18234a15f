#!/usr/bin/env python3
"""Time the offline audit and the database audit of one generated cascade (100,000 indicators by
default), and print the figures.

    .venv/bin/python scripts/audit_benchmark.py [--indicators 100000] [--seed 1] [--instance test]

The cascade is the labelled set's (realistic, distinct names that share much vocabulary, so the
duplicate search does real work; defects injected, no cycle so the loader takes it). It is
loaded into Neo4j as cascade "audit-benchmark" (replacing an earlier one); Neo4j is the one
NEO4J_URI names, else Lineage's local server (`--instance`). Each audit runs twice: the first
database run includes Neo4j compiling the queries.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators the tests use

from lineage.audit.database import audit_database
from lineage.audit.offline import audit_cascade
from lineage.cascade import read_cascade
from lineage.connection import open_driver, resolve_target
from lineage.loader import load_cascade
from lineage.settings import get_settings
from tests.support.synthetic_audit import generate_labelled_cascade


def timed(what: str, work):
    started = time.perf_counter()
    result = work()
    print(f"  {what:<44} {time.perf_counter() - started:8.1f} s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")
    parser.add_argument("--no-file", action="store_true", help="skip timing the reading of the cascade file")
    args = parser.parse_args()

    print(f"Generating a labelled cascade of {args.indicators:,} indicators (seed {args.seed}) ...", flush=True)
    labelled = generate_labelled_cascade(
        args.indicators,
        seed=args.seed,
        cascade_id="audit-benchmark",
        per_rule=max(1, args.indicators // 2_000),
        near_duplicates=args.indicators // 200,
        cycles=False,
    )
    cascade = labelled.cascade
    print(
        f"  {len(cascade.indicators):,} indicators, {len(cascade.elements):,} elements, {len(labelled.labels)} injected defects"
    )

    print("Offline audit (networkx, in memory):")
    if not args.no_file:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "cascade.json"
            path.write_text(json.dumps(cascade.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
            timed("read and validate the file (lineage.cascade)", lambda: read_cascade(path, refuse_cycles=False))
    for run in (1, 2):
        offline = timed(f"audit the validated model, run {run}", lambda: audit_cascade(cascade))
    print(f"  {len(offline):,} findings")

    target = resolve_target(get_settings(), args.instance)
    driver = open_driver(target)
    try:
        print(f"Database audit (Cypher on the active load) in {target.describe()}:")
        timed(
            "load the cascade (not part of the audit)", lambda: load_cascade(driver, cascade, database=target.database)
        )
        for run in (1, 2):
            report = timed(
                f"audit the loaded cascade, run {run}",
                lambda: audit_database(driver, cascade=cascade.id, database=target.database),
            )
        print(f"  {len(report.findings):,} findings; the same as offline: {report.findings == offline}")
    finally:
        driver.close()


if __name__ == "__main__":
    main()
