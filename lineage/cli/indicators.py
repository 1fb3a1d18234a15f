"""`lineage search|show|contributors|contributes-to`: the lineage questions, from the shell."""

from __future__ import annotations

import argparse

from lineage import errors, indicators, paging, rollups, search
from lineage.answers import IndicatorSummary
from lineage.cascade.model import ElementKind, Tier
from lineage.cli.common import Failure, add_json_flag, connected, print_json, print_table, resolve_or_fail

TIER_CHOICES = [t.value for t in Tier]
LEVEL_CHOICES = [k.value for k in ElementKind]


def register(commands: argparse._SubParsersAction) -> None:
    search = commands.add_parser("search", help="find indicators by part of their name (case and accents ignored)")
    search.add_argument("query", nargs="?", default="")
    search.add_argument("--cascade", help="only this cascade id")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--cursor", help="next_cursor of a previous page")
    add_json_flag(search)
    search.set_defaults(run=_search)

    show = commands.add_parser("show", help="one indicator: its element, owner, and direct links")
    show.add_argument("indicator", metavar="NAME_OR_ID")
    add_json_flag(show)
    show.set_defaults(run=_show)

    down = commands.add_parser("contributors", help="every indicator that rolls up into an indicator")
    down.add_argument("indicator", metavar="NAME_OR_ID")
    down.add_argument("--tier", type=str.lower, choices=TIER_CHOICES, help="only indicators owned at this tier")
    down.add_argument(
        "--level", type=str.lower, choices=LEVEL_CHOICES, help="only indicators of elements at this level"
    )
    down.add_argument("--depth", type=int, default=10, help=f"roll-up steps to follow (1-{rollups.MAX_DEPTH})")
    down.add_argument("--limit", type=int, default=paging.MAX_PAGE)
    add_json_flag(down)
    down.set_defaults(run=_contributors)

    up = commands.add_parser("contributes-to", help="every path from an indicator up to the top of the cascade")
    up.add_argument("indicator", metavar="NAME_OR_ID")
    up.add_argument("--depth", type=int, default=10, help=f"roll-up steps to follow (1-{rollups.MAX_DEPTH})")
    add_json_flag(up)
    up.set_defaults(run=_contributes_to)

    for sub in (search, show, down, up):
        sub.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")


def _describe(ind: IndicatorSummary) -> str:
    element = f"{ind.element.name} ({ind.element.kind.value})" if ind.element else "no element"
    owner = f"{ind.owner.name} [{ind.owner.tier_label}]" if ind.owner else "no owner"
    return f"{ind.name}\n  id: {ind.id}\n  measures: {element}\n  owner: {owner}"


def _search(args: argparse.Namespace) -> int:
    with connected(args) as (driver, target):
        try:
            page = search.search_indicators(
                driver, args.query, limit=args.limit, cursor=args.cursor, cascade=args.cascade, database=target.database
            )
        except errors.BadCursor as exc:
            raise Failure(str(exc)) from None
    if args.json:
        print_json(page)
        return 0
    print_table(["id", "tier", "name"], [(i.id, i.owner.tier_label if i.owner else "", i.name) for i in page.items])
    if page.next_cursor:
        print(f"\nmore: --cursor {page.next_cursor}")
    return 0


def _show(args: argparse.Namespace) -> int:
    with connected(args) as (driver, target):
        detail = indicators.get_indicator(
            driver, resolve_or_fail(driver, args.indicator, target.database).id, database=target.database
        )
    if args.json:
        print_json(detail)
        return 0
    print(_describe(detail))
    for title, items in (("rolls up into", detail.contributes_to), ("rolled up from", detail.contributors)):
        print(f"  {title}: " + ("none" if not items else ""))
        for item in items:
            print(f"    - {item.name}  [{item.id}]")
    return 0


def _contributors(args: argparse.Namespace) -> int:
    with connected(args) as (driver, target):
        start = resolve_or_fail(driver, args.indicator, target.database)
        answer = rollups.contributors(
            driver,
            start.id,
            depth=args.depth,
            tier=Tier(args.tier) if args.tier else None,
            level=ElementKind(args.level) if args.level else None,
            limit=args.limit,
            database=target.database,
        )
    if args.json:
        print_json(answer)
        return 0
    print(_describe(answer.indicator))
    scope = " and ".join(
        filter(
            None,
            [
                f"owned at {answer.tier.label}" if answer.tier else "",
                f"measuring a {answer.kind.value}" if answer.kind else "",
            ],
        )
    )
    print(
        f"\n{answer.total} indicator{'s' if answer.total != 1 else ''} roll up into it"
        f"{' ' + scope if scope else ''} (within {answer.depth} steps):\n"
    )
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
            for n in answer.items
        ],
    )
    if answer.truncated:
        print("\n(more contributors lie beyond --depth; raise it to see them)")
    if answer.next_cursor:
        print(f"\n(showing {len(answer.items)} of {answer.total}; use the API or --json to page further)")
    return 0


def _contributes_to(args: argparse.Namespace) -> int:
    with connected(args) as (driver, target):
        start = resolve_or_fail(driver, args.indicator, target.database)
        answer = rollups.contributes_to(driver, start.id, depth=args.depth, database=target.database)
    if args.json:
        print_json(answer)
        return 0
    names = {n.id: n for n in answer.items} | {answer.indicator.id: answer.indicator}
    print(_describe(answer.indicator))
    print(f"\n{len(answer.paths)} path{'s' if len(answer.paths) != 1 else ''} to the top:")
    for number, path in enumerate(answer.paths, 1):
        print(f"\n  {number}.")
        for hops, uid in enumerate(path):
            node = names[uid]
            tier = node.owner.tier_label if node.owner else "-"
            print(f"     {'  ' * hops}{'└─ ' if hops else ''}{node.name}  [{tier}]")
    for cycle in answer.cycles:
        print("\n  cycle: " + " -> ".join(names[u].local_id for u in cycle))
    if answer.truncated:
        print("\n(the paths go on beyond --depth, or there are more than could be listed)")
    return 0
