"""Benchmark: load generated cascades and time the lineage questions on them; prints figures.

    .venv/bin/python scripts/bench_lineage.py --sizes 1000 10000 100000

Uses the Neo4j the settings point at (NEO4J_URI, else the local instance named by --instance,
default "test"), and ERASES the generated cascades it loads (id `bench-<size>`) afterwards.
Performance targets belong here, printed, not in timed unit tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators the tests use

from lineage import queries
from lineage.cascade.links import CascadeLinks, cycle_problems, reference_problems
from lineage.connection import open_driver, resolve_target
from lineage.loader import delete_cascade, load_cascade
from lineage.settings import get_settings
from tests.support.synthetic import generate_cascade


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def validate(cascade):
    return reference_problems(cascade), cycle_problems(cascade, CascadeLinks.of(cascade))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--instance", default="test")
    parser.add_argument("--queries", type=int, default=50, help="questions timed per kind")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    target = resolve_target(get_settings(), args.instance)
    driver = open_driver(target)
    print(f"Neo4j: {target.describe()}")
    print(
        f"{'indicators':>10} {'generate':>9} {'validate':>9} {'load':>8} {'reload':>8} "
        f"{'contrib p50/p95 (ms)':>21} {'trace p50/p95 (ms)':>19} {'search p50 (ms)':>16}"
    )
    for size in args.sizes:
        cascade, t_generate = timed(partial(generate_cascade, size, seed=args.seed, cascade_id=f"bench-{size}"))
        _, t_validate = timed(partial(validate, cascade))
        _, t_load = timed(partial(load_cascade, driver, cascade, database=target.database))
        _, t_reload = timed(partial(load_cascade, driver, cascade, database=target.database))

        goals = [f"{cascade.id}:{i.id}" for i in cascade.indicators if i.measures.startswith("mayor_goal")]
        targets = [f"{cascade.id}:{i.id}" for i in cascade.indicators if i.measures.startswith("agency_target")]
        leaves = [f"{cascade.id}:{i.id}" for i in cascade.indicators if i.measures.startswith("sub_kegiatan")]
        down = [
            timed(lambda t=t: queries.contributors(driver, t, limit=100, database=target.database))[1]
            for t in (targets * args.queries)[: args.queries]
        ]
        up = [
            timed(lambda t=t: queries.contributes_to(driver, t, database=target.database))[1]
            for t in leaves[:: max(1, len(leaves) // args.queries)][: args.queries]
        ]
        search = [
            timed(lambda q=q: queries.search_indicators(driver, q, limit=50, database=target.database))[1]
            for q in ["koperasi yang sehat", "jumlah umkm", "persentase", "pelatihan", "pasar"]
        ]
        print(
            f"{size:>10,} {t_generate:>8.1f}s {t_validate:>8.1f}s {t_load:>7.1f}s {t_reload:>7.1f}s "
            f"{statistics.median(down) * 1000:>10.0f} / {percentile(down, 0.95) * 1000:<8.0f} "
            f"{statistics.median(up) * 1000:>9.0f} / {percentile(up, 0.95) * 1000:<7.0f} "
            f"{statistics.median(search) * 1000:>15.0f}"
        )
        print(
            f"{'':>10} ({len(goals)} mayor-goal IKs, {len(targets)} target IKs; contributors asked of agency "
            f"targets, traces of sub kegiatan IKs)"
        )
        delete_cascade(driver, cascade.id, database=target.database)
    driver.close()


if __name__ == "__main__":
    main()
