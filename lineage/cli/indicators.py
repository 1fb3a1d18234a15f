"""`lineage search|show|contributors|contributes-to`: the lineage questions, from the shell."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from lineage.cli.common import connected, print_json, print_table, resolve_or_fail, safe
from lineage.cli.errors import DONE, Failure
from lineage.cli.options import KIND, PAGE_SIZE, TIER, depth_option, instance_option, json_option, max_page

if TYPE_CHECKING:
    from lineage.answers import IndicatorSummary


def _describe(ind: IndicatorSummary) -> str:
    element = f"{safe(ind.element.name)} ({ind.element.kind.value})" if ind.element else "no element"
    owner = f"{safe(ind.owner.name)} [{safe(ind.owner.tier_label)}]" if ind.owner else "no owner"
    return f"{safe(ind.name)}\n  id: {safe(ind.id)}\n  measures: {element}\n  owner: {owner}"


@click.command()
@click.argument("query", default="", required=False)
@click.option("--cascade", metavar="CASCADE_ID", help="only this cascade")
@click.option("--limit", type=PAGE_SIZE, default=50, show_default=True, help="indicators per page")
@click.option("--cursor", help="next_cursor of a previous page")
@json_option
@instance_option
def search(query: str, cascade: str | None, limit: int, cursor: str | None, as_json: bool, instance: str | None) -> int:
    """Find indicators by part of their name.

    Case and accents are ignored. Without QUERY, every indicator (a page at a time).
    """
    from lineage import queries

    with connected(instance) as (driver, target):
        try:
            page = queries.search_indicators(
                driver, query, limit=limit, cursor=cursor, cascade=cascade, database=target.database
            )
        except queries.BadCursor as exc:
            raise Failure(str(exc)) from None
    if as_json:
        print_json(page)
        return DONE
    print_table(["id", "tier", "name"], [(i.id, i.owner.tier_label if i.owner else "", i.name) for i in page.items])
    if page.next_cursor:
        click.echo(f"\nmore: --cursor {page.next_cursor}")
    return DONE


@click.command()
@click.argument("indicator", metavar="NAME_OR_ID")
@json_option
@instance_option
def show(indicator: str, as_json: bool, instance: str | None) -> int:
    """Show one indicator: its element, owner and direct links."""
    from lineage import queries

    with connected(instance) as (driver, target):
        detail = queries.get_indicator(
            driver, resolve_or_fail(driver, indicator, target.database).id, database=target.database
        )
    if as_json:
        print_json(detail)
        return DONE
    click.echo(_describe(detail))
    for title, items in (("rolls up into", detail.contributes_to), ("rolled up from", detail.contributors)):
        click.echo(f"  {title}: " + ("none" if not items else ""))
        for item in items:
            click.echo(f"    - {safe(item.name)}  [{safe(item.id)}]")
    return DONE


@click.command()
@click.argument("indicator", metavar="NAME_OR_ID")
@click.option("--tier", type=TIER, help="only indicators owned at this tier")
@click.option("--level", type=KIND, help="only indicators of elements at this level")
@depth_option
@click.option("--limit", type=PAGE_SIZE, default=max_page, help="contributors per page (default: the most allowed)")
@json_option
@instance_option
def contributors(
    indicator: str, tier: str | None, level: str | None, depth: int, limit: int, as_json: bool, instance: str | None
) -> int:
    """List every indicator that rolls up into an indicator."""
    from lineage import queries
    from lineage.cascade.model import ElementKind, Tier

    with connected(instance) as (driver, target):
        start = resolve_or_fail(driver, indicator, target.database)
        answer = queries.contributors(
            driver,
            start.id,
            depth=depth,
            tier=Tier(tier) if tier else None,
            level=ElementKind(level) if level else None,
            limit=limit,
            database=target.database,
        )
    if as_json:
        print_json(answer)
        return DONE
    click.echo(_describe(answer.indicator))
    scope = " and ".join(
        filter(
            None,
            [
                f"owned at {answer.tier.label}" if answer.tier else "",
                f"measuring a {answer.level.value}" if answer.level else "",
            ],
        )
    )
    click.echo(
        f"\n{answer.total} indicator{'s' if answer.total != 1 else ''} roll up into it"
        f"{' ' + scope if scope else ''} (within {answer.depth} steps):\n"
    )
    print_table(
        ["hops", "tier", "level", "id", "name"],
        [
            (
                n.level,
                n.owner.tier_label if n.owner else "-",
                n.element.kind.value if n.element else "-",
                n.local_id,
                n.name,
            )
            for n in answer.nodes
        ],
    )
    if answer.truncated:
        click.echo("\n(more contributors lie beyond --depth; raise it to see them)")
    if answer.next_cursor:
        click.echo(f"\n(showing {len(answer.nodes)} of {answer.total}; use the API or --json to page further)")
    return DONE


@click.command("contributes-to")
@click.argument("indicator", metavar="NAME_OR_ID")
@depth_option
@json_option
@instance_option
def contributes_to(indicator: str, depth: int, as_json: bool, instance: str | None) -> int:
    """Show every path from an indicator up to the top."""
    from lineage import queries

    with connected(instance) as (driver, target):
        start = resolve_or_fail(driver, indicator, target.database)
        answer = queries.contributes_to(driver, start.id, depth=depth, database=target.database)
    if as_json:
        print_json(answer)
        return DONE
    names = {n.id: n for n in answer.nodes} | {answer.indicator.id: answer.indicator}
    click.echo(_describe(answer.indicator))
    click.echo(f"\n{len(answer.paths)} path{'s' if len(answer.paths) != 1 else ''} to the top:")
    for number, path in enumerate(answer.paths, 1):
        click.echo(f"\n  {number}.")
        for hops, uid in enumerate(path):
            node = names[uid]
            tier = node.owner.tier_label if node.owner else "-"
            click.echo(f"     {'  ' * hops}{'└─ ' if hops else ''}{safe(node.name)}  [{safe(tier)}]")
    for cycle in answer.cycles:
        click.echo("\n  cycle: " + " -> ".join(safe(names[u].local_id) for u in cycle))
    if answer.truncated:
        click.echo("\n(the paths go on beyond --depth, or there are more than could be listed)")
    return DONE
