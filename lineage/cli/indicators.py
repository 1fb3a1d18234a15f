"""`lineage search|show|contributors|contributes-to`: the lineage questions, from the shell."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from lineage.cli.common import answered, connected, eprint, pages, print_more, print_table, safe
from lineage.cli.errors import USAGE, Failure
from lineage.cli.options import KIND, PAGE_SIZE, TIER, depth_option, instance_option, json_option, max_page
from lineage.cli.scope import Scope, located, paging_options, scope_options

if TYPE_CHECKING:
    from lineage.answers import (
        ContributesToAnswer,
        ContributorsAnswer,
        IndicatorDetail,
        IndicatorPage,
        IndicatorSummary,
    )


def describe(ind: IndicatorSummary) -> str:
    """The indicator's name, id, element and owner, as the first lines of an answer."""
    element = f"{safe(ind.element.name)} ({ind.element.kind.value})" if ind.element else "no element"
    owner = f"{safe(ind.owner.name)} [{safe(ind.owner.tier_label)}]" if ind.owner else "no owner"
    where = ", ".join(safe(p) for p in (ind.agency, ind.period) if p)
    return f"{safe(ind.name)}\n  id: {safe(ind.id)}{f'  ({where})' if where else ''}\n  measures: {element}\n  owner: {owner}"


@click.command()
@click.argument("query", default="", required=False)
@scope_options(version=False)
@click.option("--limit", type=PAGE_SIZE, default=50, show_default=True, help="indicators per page")
@paging_options
@json_option
@instance_option
def search(
    query: str,
    scope: Scope,
    limit: int,
    cursor: str | None,
    every_page: bool,
    as_json: bool,
    instance: str | None,
) -> int:
    """Find indicators by part of their name.

    Case and accents are ignored. Without QUERY, every indicator (a page at a time). Searches the
    current version of each cascade.
    """
    from lineage.search import MAX_QUERY, search_indicators

    if len(query) > MAX_QUERY:
        raise Failure(f"the text to search holds {len(query):,} characters; at most {MAX_QUERY} are read", USAGE)
    with connected(instance) as (driver, target):

        def ask(at: str | None) -> IndicatorPage:
            return search_indicators(
                driver,
                query,
                limit=limit,
                cursor=at,
                cascade=scope.cascade,
                agency=scope.agency,
                period=scope.period,
                database=target.database,
            )

        answer = pages(ask, cursor, every_page)

    def print_found(found: IndicatorPage) -> None:
        if not found.items:
            within = f" in {scope.describe()}" if scope.describe() else ""
            click.echo(f"No indicator{within} has a name containing {query!r}." if query else f"No indicator{within}.")
            return
        print_table(
            ["id", "tier", "name"], [(i.id, i.owner.tier_label if i.owner else "", i.name) for i in found.items]
        )
        print_more(found)

    return answered(answer, as_json, print_found)


@click.command()
@click.argument("indicator", metavar="NAME_OR_ID")
@scope_options()
@json_option
@instance_option
def show(indicator: str, scope: Scope, as_json: bool, instance: str | None) -> int:
    """Show one indicator: its element, owner and direct links."""
    from lineage.indicators import get_indicator

    with connected(instance) as (driver, target):
        found, load = located(driver, indicator, scope, target.database)
        detail = get_indicator(driver, found.id, version=load, database=target.database)
    return answered(detail, as_json, _print_detail)


def _print_detail(detail: IndicatorDetail) -> None:
    click.echo(describe(detail))
    for title, items in (("rolls up into", detail.contributes_to), ("rolled up from", detail.contributors)):
        click.echo(f"  {title}: " + ("none" if not items else ""))
        for item in items:
            click.echo(f"    - {safe(item.name)}  [{safe(item.id)}]")


@click.command()
@click.argument("indicator", metavar="NAME_OR_ID")
@click.option("--tier", type=TIER, help="only indicators owned at this tier")
@click.option("--level", type=KIND, help="only indicators of elements at this level")
@depth_option
@scope_options()
@click.option("--limit", type=PAGE_SIZE, default=max_page, help="contributors per page (default: the most allowed)")
@paging_options
@json_option
@instance_option
def contributors(
    indicator: str,
    tier: str | None,
    level: str | None,
    depth: int,
    scope: Scope,
    limit: int,
    cursor: str | None,
    every_page: bool,
    as_json: bool,
    instance: str | None,
) -> int:
    """List every indicator that rolls up into an indicator.

    --agency and --period also narrow the contributors listed to those of that agency's cascades
    or period (a mayor's goal gathers several agencies).
    """
    from lineage import rollups
    from lineage.cascade.model import ElementKind, Tier

    per_page = max_page() if every_page else limit  # every page: the size only sets how many requests
    with connected(instance) as (driver, target):
        start, load = located(driver, indicator, scope, target.database)

        def ask(at: str | None, whole: bool = False) -> ContributorsAnswer:
            return rollups.contributors(
                driver,
                start.id,
                depth=depth,
                tier=Tier(tier) if tier else None,
                kind=ElementKind(level) if level else None,
                limit=per_page,
                cursor=at,
                agency=scope.agency,
                period=scope.period,
                version=load,
                database=target.database,
                whole=whole,
            )

        # every page from the first: one answer, so that links between two pages' contributors are in it
        answer = ask(None, whole=True) if every_page and not cursor else pages(ask, cursor, every_page)
    if cursor and len(answer.items) > per_page:
        eprint(
            f"note: the contributors came in pages of {per_page}; links between two pages' contributors"
            " are not among `edges` (each contributor is listed, with its hops)"
        )
    return answered(answer, as_json, _print_contributors)


def _print_contributors(first: ContributorsAnswer) -> None:
    click.echo(describe(first.indicator))
    scope = " and ".join(
        filter(
            None,
            [
                f"owned at {first.tier.label}" if first.tier else "",
                f"measuring a {first.kind.value}" if first.kind else "",
            ],
        )
    )
    click.echo(
        f"\n{first.total} indicator{'s' if first.total != 1 else ''} roll up into it"
        f"{' ' + scope if scope else ''} (within {first.depth} steps):\n"
    )
    nodes = first.items
    print_table(
        ["hops", "tier", "level", "id", "name"],
        [
            (
                n.hops,
                n.owner.tier_label if n.owner else "-",
                n.element.kind.value if n.element else "-",
                n.local_id,
                n.name,
            )
            for n in nodes
        ],
    )
    if first.truncated:
        click.echo("\n(more contributors lie beyond --depth; raise it to see them)")
    print_more(first, f"showing {len(nodes)} of {first.total}; ")


@click.command("contributes-to")
@click.argument("indicator", metavar="NAME_OR_ID")
@depth_option
@scope_options()
@json_option
@instance_option
def contributes_to(indicator: str, depth: int, scope: Scope, as_json: bool, instance: str | None) -> int:
    """Show every path from an indicator up to the top."""
    from lineage import rollups

    with connected(instance) as (driver, target):
        start, load = located(driver, indicator, scope, target.database)
        answer = rollups.contributes_to(driver, start.id, depth=depth, version=load, database=target.database)
    return answered(answer, as_json, _print_paths)


def _print_paths(answer: ContributesToAnswer) -> None:
    names = {n.id: n for n in answer.items} | {answer.indicator.id: answer.indicator}
    click.echo(describe(answer.indicator))
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
