"""Benchmark: comparing two versions of a cascade (`lineage diff`, GET /cascades/{id}/diff) and
reading an indicator's series among many entered realisations; prints figures.

    .venv/bin/python scripts/bench_versions.py --sizes 20000 --renamed 1000 --realisations 200000

- diff, in memory: `lineage.diff.compare` on two versions holding the same generated indicators
  in reverse order, then with `--renamed` of them renamed (another id and name: only the rename
  round can pair them).
- diff, end to end (`--end-to-end`): both versions loaded into Neo4j, then `diff_versions`.
- series: `--realisations` entered realisations of other indicators, then the series of an
  indicator with contributors: its db hits (PROFILE) and time.

Uses the Neo4j the settings point at (NEO4J_URI, else the local instance named by --instance,
default "test"), and ERASES what it made (cascades `bench-diff-<size>`, `bench-series`, and
their realisations) afterwards. Figures go here, printed, never in timed unit tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators the tests use

from lineage.connection import open_driver, resolve_target
from lineage.diff import VersionIndicator, compare, diff_versions
from lineage.loader import delete_cascade, load_cascade
from lineage.pins import statement_text
from lineage.settings import get_settings
from lineage.versions import VersionInfo
from tests.support.synthetic import generate_cascade


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def diff_in_memory(size: int, renamed: int) -> None:
    cascade = generate_cascade(size, seed=11)
    old = [VersionIndicator(id=i.id, uid=f"c:{i.id}", name=i.name, element=i.measures) for i in cascade.indicators]
    reordered = list(reversed(old))
    info = VersionInfo(load="v", current=True)
    found, seconds = timed(lambda: compare("c", info, info, old, reordered))
    print(f"  {size:>7,} indicators, reordered:       {seconds:7.2f} s  (unchanged {found.unchanged:,})")
    changed = [
        VersionIndicator(id=f"{i.id}-new", uid=f"c:{i.id}-new", name=f"{i.name} Baru", element=i.element)
        if n % max(1, size // renamed) == 0 and n // max(1, size // renamed) < renamed
        else i
        for n, i in enumerate(reordered)
    ]
    found, seconds = timed(lambda: compare("c", info, info, old, changed))
    print(
        f"  {size:>7,} indicators, {renamed:,} renamed: {seconds:7.2f} s  (renamed {found.counts.renamed:,}, "
        f"added {found.counts.added:,}, removed {found.counts.removed:,}, renames capped: {found.renames_capped})"
    )


def diff_end_to_end(driver, database: str | None, size: int) -> None:
    cascade = generate_cascade(size, seed=11, cascade_id=f"bench-diff-{size}")
    load_cascade(driver, cascade.model_copy(update={"version": "a"}), database=database)
    reordered = cascade.model_copy(update={"version": "b", "indicators": list(reversed(cascade.indicators))})
    load_cascade(driver, reordered, database=database)
    found, seconds = timed(lambda: diff_versions(driver, cascade.id, "a", database=database))
    print(f"  {size:>7,} indicators, reordered, through Neo4j: {seconds:7.2f} s  (unchanged {found.unchanged:,})")
    delete_cascade(driver, cascade.id, database=database)


def series(driver, database: str | None, realisations: int) -> None:
    cascade = generate_cascade(1_000, seed=5, cascade_id="bench-series")
    load_cascade(driver, cascade, database=database)
    with driver.session(database=database) as session:
        session.run(
            "UNWIND range(0, $n - 1) AS k CALL (k) { CREATE (:Realisation {cascade: 'bench-series', "
            "indicator: 'other-' + toString(k / 20), year: 2021 + (k % 20) / 5, quarter: k % 5, value: 1.0}) } "
            "IN TRANSACTIONS OF 10000 ROWS",
            n=realisations,
        ).consume()
    record = driver.execute_query(
        "MATCH (c:Cascade {id: 'bench-series'}) MATCH (i:Indicator {cascade: c.id}) WHERE i.load = c.active_load "
        "WITH i, COUNT { (:Indicator)-[:CONTRIBUTES_TO]->(i) } AS children ORDER BY children DESC LIMIT 1 "
        "RETURN elementId(i) AS node, children",
        database_=database,
    ).records[0]
    with driver.session(database=database) as session:
        profile = session.run("PROFILE " + statement_text("indicator_series"), node_id=record["node"]).consume().profile
        times = [
            timed(lambda: list(session.run(statement_text("indicator_series"), node_id=record["node"])))[1]
            for _ in range(7)
        ]

    def hits(plan) -> int:
        return plan.get("dbHits", 0) + sum(hits(child) for child in plan.get("children", []))

    print(
        f"  {realisations:,} realisations, an indicator with {record['children']} contributors: {hits(profile):,} db hits, "
        f"median {statistics.median(times) * 1000:.0f} ms"
    )
    with driver.session(database=database) as session:
        session.run(
            "MATCH (r:Realisation {cascade: 'bench-series'}) CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    delete_cascade(driver, cascade.id, database=database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000])
    parser.add_argument("--renamed", type=int, default=1_000)
    parser.add_argument("--realisations", type=int, default=200_000)
    parser.add_argument("--end-to-end", action="store_true", help="also load both versions and diff them in Neo4j")
    parser.add_argument("--instance", default="test")
    args = parser.parse_args()

    print("diff, in memory:")
    for size in args.sizes:
        diff_in_memory(size, args.renamed)
    target = resolve_target(get_settings(), args.instance)
    driver = open_driver(target)
    print(f"Neo4j: {target.describe()}")
    if args.end_to_end:
        print("diff, end to end:")
        for size in args.sizes:
            diff_end_to_end(driver, target.database, size)
    print("series:")
    series(driver, target.database, args.realisations)
    driver.close()


if __name__ == "__main__":
    main()
