"""Benchmark: first loads of generated cascades, three ways, measured in the same run on a Neo4j
server of the benchmark's own (started fresh, removed afterwards):

- the loader (`lineage.loader.load_cascade`: claim, batches beside the old version, switch,
  change log), the cascade already read;
(both on a server warmed up by a small load, the schema in place: a first load pays for it once)
- an ideal UNWIND script: the same rows, `UNWIND $rows CREATE` in batches of 10,000 and the
  relationships matched by uid, nothing else (the schema made beforehand, not timed);
- the bulk path (`lineage.bulk`: CSV files, `neo4j-admin database import full`, restart, schema),
  and neo4j-admin's import alone;

and the peak memory (max RSS) of `lineage load FILE`, reading the file included, in a process of
its own. Prints the figures with ratios to the UNWIND script and writes them as JSON.

    .venv/bin/python scripts/bench_load.py                      # 10,000 indicators
    .venv/bin/python scripts/bench_load.py --size 100000 --size 1000000 --json load.json

`run(sizes)` returns the figures as a dict, for other scripts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators the tests use

from neo4j import Driver

from lineage.bulk import bulk_load
from lineage.cascade import Cascade, CascadeLinks
from lineage.connection import open_driver
from lineage.loader import Rows, ensure_schema, load_cascade
from tests.support.faults import own_neo4j, write_cascade
from tests.support.synthetic import generate_cascade

UNWIND_BATCH = 10_000

_MEASURE_CLI = """
import resource, sys, time
from lineage.cli import main
started = time.monotonic()
status = main(["load", sys.argv[1]])
print(f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} seconds={time.monotonic() - started:.1f}",
      file=sys.stderr)
sys.exit(status)
"""


def run(sizes: list[int], *, heap: str = "2g", pagecache: str = "1g") -> dict[str, Any]:
    """Each size's figures (seconds, MB, ratios), measured on one fresh server."""
    figures: dict[str, Any] = {"sizes": {}}
    with own_neo4j(heap=heap, pagecache=pagecache) as neo, tempfile.TemporaryDirectory() as folder:
        figures["neo4j"] = {"heap": heap, "pagecache": pagecache}
        with open_driver(neo.target) as driver:  # a first load pays for the schema and cold plans: not timed
            warm_up = generate_cascade(200, seed=1, cascade_id="warm-up")
            load_cascade(driver, warm_up, retired_grace=0)
            _erase(driver)
            _unwind(driver, warm_up)
            _erase(driver)
        for size in sizes:
            cascade = generate_cascade(size, seed=11, cascade_id=f"bench-{size}")
            file = write_cascade(cascade, Path(folder) / f"bench-{size}.json")
            row: dict[str, Any] = {"file_mb": round(file.stat().st_size / 2**20, 1)}
            with open_driver(neo.target) as driver:
                _erase(driver)
                row["loader_s"] = _seconds(partial(load_cascade, driver, cascade, retired_grace=0))
                _erase(driver)
                ensure_schema(driver)
                row["unwind_s"] = _seconds(partial(_unwind, driver, cascade))
                _erase(driver)
            report = bulk_load(neo.target, [cascade])
            row["bulk_s"] = round(report.seconds["total"], 1)
            row["admin_import_s"] = round(report.seconds["neo4j-admin import"], 1)
            row["bulk_steps_s"] = {step: round(seconds, 1) for step, seconds in report.seconds.items()}
            with open_driver(neo.target) as driver:
                _erase(driver)
            row |= _cli_load(file, neo.env())
            row["loader_vs_unwind"] = round(row["loader_s"] / row["unwind_s"], 2)
            row["loader_vs_bulk"] = round(row["loader_s"] / row["bulk_s"], 2)
            row["loader_vs_admin_import"] = round(row["loader_s"] / row["admin_import_s"], 2)
            figures["sizes"][str(size)] = row
            print(f"{size:>9,} indicators: {json.dumps(row)}", flush=True)
    return figures


def _seconds(action: Any) -> float:
    started = time.monotonic()
    action()
    return round(time.monotonic() - started, 1)


def _erase(driver: Driver) -> None:
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def _unwind(driver: Driver, cascade: Cascade) -> None:
    """The least a load must do: create the nodes, then the relationships, in big batches."""
    rows = Rows(cascade, CascadeLinks.of(cascade))
    nodes = [
        ("UNWIND $rows AS row CREATE (n:Position) SET n = row", list(rows.positions())),
        ("UNWIND $rows AS row CREATE (n:Element) SET n = row.properties SET n:$(row.label)", list(rows.elements())),
        ("UNWIND $rows AS row CREATE (n:Indicator) SET n = row.properties", list(rows.indicators())),
    ]
    element_owners = [{"child": r["properties"]["uid"], "parent": r["owner"]} for r in rows.elements() if r["owner"]]
    indicator_owners = [
        {"child": r["properties"]["uid"], "parent": r["owner"]} for r in rows.indicators() if r["owner"]
    ]
    measures = [{"child": r["properties"]["uid"], "parent": r["measures"]} for r in rows.indicators()]
    links = [
        (
            "MATCH (a:Element {uid: row.child}) MATCH (b:Position {uid: row.parent}) CREATE (a)-[:OWNED_BY]->(b)",
            element_owners,
        ),
        (
            "MATCH (a:Indicator {uid: row.child}) MATCH (b:Position {uid: row.parent}) CREATE (a)-[:OWNED_BY]->(b)",
            indicator_owners,
        ),
        (
            "MATCH (a:Indicator {uid: row.child}) MATCH (b:Element {uid: row.parent}) CREATE (a)-[:MEASURES]->(b)",
            measures,
        ),
        (
            "MATCH (a:Element {uid: row.child}) MATCH (b:Element {uid: row.parent}) CREATE (a)-[:CONTRIBUTES_TO]->(b)",
            list(rows.element_links()),
        ),
        (
            "MATCH (a:Indicator {uid: row.child}) MATCH (b:Indicator {uid: row.parent}) CREATE (a)-[:CONTRIBUTES_TO]->(b)",
            list(rows.indicator_links()),
        ),
    ]
    statements = nodes + [(f"UNWIND $rows AS row {body}", items) for body, items in links]
    with driver.session() as session:
        for statement, items in statements:
            for start in range(0, len(items), UNWIND_BATCH):
                session.run(statement, rows=items[start : start + UNWIND_BATCH]).consume()


def _cli_load(file: Path, env: dict[str, str]) -> dict[str, float]:
    """`lineage load FILE` in a process of its own: its seconds and its peak memory."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE_CLI, str(file)], env=env, capture_output=True, text=True, check=False
    )
    line = next((x for x in result.stderr.splitlines() if x.startswith("peak_rss_mb=")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"lineage load failed ({result.returncode}):\n{result.stderr[-2000:]}")
    values = dict(part.split("=") for part in line.split())
    return {"cli_load_s": float(values["seconds"]), "cli_peak_rss_mb": float(values["peak_rss_mb"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, action="append", help="indicators (repeatable; default 10000)")
    parser.add_argument("--heap", default="2g", help="the benchmark server's heap (default 2g)")
    parser.add_argument("--pagecache", default="1g", help="its page cache (default 1g)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures = run(args.size or [10_000], heap=args.heap, pagecache=args.pagecache)
    figures["cpus"] = os.cpu_count()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
