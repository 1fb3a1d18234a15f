"""`lineage cascades`: which cascades are loaded, with their size."""

from __future__ import annotations

import click

from lineage.cli.common import connected, print_json, print_table
from lineage.cli.errors import DONE
from lineage.cli.options import instance_option, json_option


@click.command()
@json_option
@instance_option
def cascades(as_json: bool, instance: str | None) -> int:
    """List the cascades loaded, with their counts."""
    from lineage.cascades import list_cascades

    with connected(instance) as (driver, target):
        page = list_cascades(driver, limit=500, database=target.database)
    if as_json:
        print_json(page)
        return DONE
    print_table(
        ["id", "period", "elements", "indicators", "loaded", "agency"],
        [
            (c.id, c.period, sum(c.elements.values()), c.indicators, c.loaded_at, f"{c.agency}, {c.region}")
            for c in page.items
        ],
    )
    return DONE
