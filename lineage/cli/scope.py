"""Which indicator a person means, and in which cascade, agency, period and version: the options
every question takes, and the paging options of the questions that answer in pages.

A name can be held by several cascades (two agencies, two plan periods). `--cascade`, `--agency`
and `--period` narrow which indicator a name (or an id from the file) means; `--version` asks the
question of a kept version of the indicator's cascade instead of the current one. These are the
API's `cascade`, `agency`, `period` and `version` parameters, read the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from lineage.cli.errors import Failure

if TYPE_CHECKING:
    from neo4j import Driver

    from lineage.answers import IndicatorSummary

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Scope:
    cascade: str | None = None
    agency: str | None = None
    period: str | None = None
    version: str | None = None

    def describe(self) -> str:
        parts = [
            f"cascade {self.cascade!r}" if self.cascade else "",
            f"agency {self.agency!r}" if self.agency else "",
            f"period {self.period}" if self.period else "",
        ]
        return ", ".join(p for p in parts if p)


def _period(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A period written as planners write it ("2025" or "2025-2029"), checked as the API does."""
    if value is None:
        return None
    from lineage.cascade.model import BadPeriod, parse_period

    try:
        parse_period(value)
    except BadPeriod as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def scope_options(*, version: bool = True) -> Callable[[F], F]:
    """`--cascade`, `--agency`, `--period` (and `--version`), handed to the command as one
    `scope: Scope` argument."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def with_scope(
            *args: Any,
            cascade: str | None = None,
            agency: str | None = None,
            period: str | None = None,
            version: str | None = None,
            **kwargs: Any,
        ) -> Any:
            return command(*args, scope=Scope(cascade, agency, period, version), **kwargs)

        options = [
            click.option("--cascade", metavar="CASCADE_ID", help="only this cascade"),
            click.option("--agency", help="only this agency's cascades (case and accents ignored)"),
            click.option(
                "--period", metavar="YYYY[-YYYY]", callback=_period, help="only cascades whose period overlaps this"
            ),
        ]
        if version:
            options.append(
                click.option(
                    "--version", metavar="VERSION", help="a kept version (label or load id); default: the current one"
                )
            )
        decorated: Callable[..., Any] = with_scope
        for option in reversed(options):
            decorated = option(decorated)
        return cast(F, decorated)

    return decorate


def paging_options(command: F) -> F:
    """`--cursor` to go on from a page, `--all` to fetch every page."""
    command = click.option(
        "--all",
        "every_page",
        is_flag=True,
        help="every page, one after another (with --json: one answer holding every page)",
    )(command)
    return click.option("--cursor", metavar="CURSOR", help="go on from the page that gave this next_cursor")(command)


#: What to do after a name that matches nothing: a planner remembers some words of an indicator's
#: name, rarely its id or its exact wording.
SEARCH_HINT = "\n(find it by some words of its name: `lineage search WORDS`)"
NARROW_HINT = "\n(or narrow it with --cascade, --agency or --period)"


def resolve(driver: Driver, ref: str, scope: Scope, database: str | None) -> IndicatorSummary:
    """The one indicator `ref` (a global id, an id from the file, a name or a unique part of
    one) means within `scope`; a Failure listing the candidates when several fit."""
    from lineage.errors import Ambiguous, NotFound
    from lineage.indicators import resolve_indicator

    if scope.version and (kept := _in_version(driver, ref, scope, database)) is not None:
        return kept
    if not (scope.cascade or scope.agency or scope.period):
        try:
            return resolve_indicator(driver, ref, database=database)
        except Ambiguous as exc:
            raise Failure(f"{exc}{NARROW_HINT}") from None
        except NotFound:
            pass  # no id, name or part of one as typed: by its words in any order, as in a scope
    if scope.cascade and ":" not in ref:
        try:  # an id from the file, made global by the cascade asked for
            return _in_scope(resolve_indicator(driver, f"{scope.cascade}:{ref}", database=database), scope)
        except NotFound:
            pass
    return _scoped_by_name(driver, ref, scope, database)


def _in_version(driver: Driver, ref: str, scope: Scope, database: str | None) -> IndicatorSummary | None:
    """An id (global, or from the file with --cascade) read in the version asked for: an indicator
    the current version no longer holds is still there to ask about. None: not such an id there."""
    from lineage.errors import NotFound
    from lineage.indicators import get_indicator

    uid = ref if ":" in ref else f"{scope.cascade}:{ref}" if scope.cascade else None
    if uid is None:
        return None
    try:
        found = get_indicator(driver, uid, version=scope.version, database=database)
    except NotFound:
        return None  # a name, or an unknown version: the usual way says which
    return _in_scope(found, scope)


def _scoped_by_name(driver: Driver, ref: str, scope: Scope, database: str | None) -> IndicatorSummary:
    """Among the indicators of the scope (all, when it is empty) that search finds for `ref`: the
    one named exactly so, else the only one whose name contains it, else the only one found. A
    global id is checked against the scope."""
    from lineage.errors import NotFound
    from lineage.indicators import AMBIGUOUS_SHOWN, resolve_indicator
    from lineage.paging import MAX_PAGE
    from lineage.search import MAX_QUERY, search_indicators
    from lineage.text import fold

    if ":" in ref:
        try:
            return _in_scope(resolve_indicator(driver, ref, database=database), scope)
        except NotFound:
            pass  # a name with a colon in it
    # A name may be longer than a search reads (MAX_QUERY; beyond it the index fails): its first
    # words are searched (the last read as unfinished), and then only a name holding all of it fits.
    words = ref[:MAX_QUERY]
    page = search_indicators(
        driver,
        words,
        limit=MAX_PAGE,
        cascade=scope.cascade,
        agency=scope.agency,
        period=scope.period,
        database=database,
    )
    exact = [i for i in page.items if fold(i.name) == fold(ref)]
    # the search ranks names by their words; a name is meant when it holds what was typed, as is
    found = exact or [i for i in page.items if fold(ref) in fold(i.name)] or (page.items if words == ref else [])
    if len(found) == 1:
        return found[0]
    where = scope.describe() or "the loaded cascades"
    if not found:
        raise Failure(f"no indicator of {where} has the id or name {ref!r}{SEARCH_HINT}")
    shown = found[:AMBIGUOUS_SHOWN]
    more = f"more than {len(shown)}" if len(found) > len(shown) or page.next_cursor else str(len(found))
    names = "".join(f"\n  {c.id}  {c.name}" for c in shown)
    narrow = "" if scope.describe() else NARROW_HINT
    raise Failure(f"{ref!r} matches {more} indicators of {where}; give one of these ids:{names}{narrow}")


def _in_scope(found: IndicatorSummary, scope: Scope) -> IndicatorSummary:
    from lineage.indicators import in_scope
    from lineage.pins import period_bounds

    start, end = period_bounds(scope.period)
    if (scope.cascade and found.cascade != scope.cascade) or not in_scope(found, scope.agency, start, end):
        raise Failure(f"{found.id} is not an indicator of {scope.describe()}")
    return found


def located(driver: Driver, ref: str, scope: Scope, database: str | None) -> tuple[IndicatorSummary, str | None]:
    """The indicator `ref` means within `scope` (`resolve`), and the load to ask it in (`load_of`):
    what every question about one indicator starts from."""
    found = resolve(driver, ref, scope, database)
    return found, load_of(driver, found, scope, database)


def load_of(driver: Driver, indicator: IndicatorSummary, scope: Scope, database: str | None) -> str | None:
    """The load to ask: the one of `--version` of the indicator's cascade (None: the current)."""
    from lineage.versions import version_load

    return version_load(driver, indicator.cascade, scope.version, database=database)
