"""`lineage cascades`: which cascades are loaded, with their size."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from lineage.cli.common import connected, pages, print_json_pages, print_table
from lineage.cli.errors import DONE
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

        answers = pages(ask, cursor, every_page)
    if as_json:
        print_json_pages(answers, every_page)
        return DONE
    items = [c for page in answers for c in page.items]
    if not items:
        click.echo("No cascade is loaded." if not (scope.describe() or region) else "No cascade matches.")
        return DONE
    print_table(
        ["id", "period", "elements", "indicators", "loaded", "agency"],
        [
            (c.id, c.period, sum(c.elements.values()), c.indicators, c.loaded_at, f"{c.agency}, {c.region}")
            for c in items
        ],
    )
    if answers[-1].next_cursor:
        click.echo(f"\nmore: --cursor {answers[-1].next_cursor}  (or --all)")
    return DONE
