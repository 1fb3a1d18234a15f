"""`lineage cascades`: which cascades are loaded, with their size."""

from __future__ import annotations

import argparse

from lineage import cascades
from lineage.cli.common import add_json_flag, connected, print_json, print_table


def register(commands: argparse._SubParsersAction) -> None:
    listing = commands.add_parser("cascades", help="list the cascades loaded, with their counts")
    listing.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")
    add_json_flag(listing)
    listing.set_defaults(run=_list)


def _list(args: argparse.Namespace) -> int:
    with connected(args) as (driver, target):
        page = cascades.list_cascades(driver, limit=500, database=target.database)
    if args.json:
        print_json(page)
        return 0
    print_table(
        ["id", "period", "elements", "indicators", "loaded", "agency"],
        [
            (c.id, c.period, sum(c.elements.values()), c.indicators, c.loaded_at, f"{c.agency}, {c.region}")
            for c in page.items
        ],
    )
    return 0
