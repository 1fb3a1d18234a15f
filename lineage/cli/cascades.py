"""`lineage cascades`: which cascades are loaded, with their size."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from lineage.cli.common import answered, connected, pages, print_more, print_table
from lineage.cli.options import PAGE_SIZE, instance_option, json_option
from lineage.cli.scope import Scope, paging_options, scope_options

if TYPE_CHECKING:
    from lineage.answers import CascadePage


@click.command()
@scope_options(version=False)
@click.option("--region", help="only cascades of this region (case and accents ignored)")
@click.option("--limit", type=PAGE_SIZE, default=100, show_default=True, help="cascades per page")
@paging_options
@json_option
@instance_option
def cascades(
    scope: Scope,
    region: str | None,
    limit: int,
    cursor: str | None,
    every_page: bool,
    as_json: bool,
    instance: str | None,
) -> int:
    """List the cascades loaded, with their counts."""
    from lineage.cascades import list_cascades

    with connected(instance) as (driver, target):

        def ask(at: str | None) -> CascadePage:
            return list_cascades(
                driver,
                limit=limit,
                cursor=at,
                only=scope.cascade,
                agency=scope.agency,
                region=region,
                period=scope.period,
                database=target.database,
            )

        answer = pages(ask, cursor, every_page)

    def print_listed(listed: CascadePage) -> None:
        if not listed.items:
            click.echo("No cascade is loaded." if not (scope.describe() or region) else "No cascade matches.")
            return
        print_table(
            ["id", "period", "elements", "indicators", "loaded", "agency"],
            [
                (c.id, c.period, sum(c.elements.values()), c.indicators, c.loaded_at, f"{c.agency}, {c.region}")
                for c in listed.items
            ],
        )
        print_more(listed)

    return answered(answer, as_json, print_listed)
