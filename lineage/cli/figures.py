"""`lineage series NAME_OR_ID` and `lineage realisation set NAME_OR_ID YEAR [VALUE]`: an
indicator's targets, realisations and capaian per year, and what an agency reports it realised.

Both call what the API's `GET /indicators/{id}/series` and `PUT .../realisations/{year}` call
(`lineage.series`), so the shell and the API read and write the same figures the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from lineage.cli.common import answered, connected, print_table, safe
from lineage.cli.errors import USAGE, Failure
from lineage.cli.indicators import describe
from lineage.cli.options import instance_option, json_option
from lineage.cli.scope import Scope, located, resolve, scope_options

if TYPE_CHECKING:
    from lineage.answers import IndicatorSeries
    from lineage.cascade.model import Measure


@click.command()
@click.argument("indicator", metavar="NAME_OR_ID")
@scope_options()
@json_option
@instance_option
def series(indicator: str, scope: Scope, as_json: bool, instance: str | None) -> int:
    """Show an indicator's targets, realisations and capaian."""
    from lineage.series import indicator_series

    with connected(instance) as (driver, target):
        found, load = located(driver, indicator, scope, target.database)
        answer = indicator_series(driver, found.id, load=load, database=target.database)
    return answered(answer, as_json, print_series)


def print_series(answer: IndicatorSeries) -> None:
    click.echo(describe(answer.indicator))
    polarity = f"{answer.polarity.value}{' (assumed)' if answer.polarity_assumed else ''}"
    baseline = f"{_measure(answer.baseline)} ({answer.baseline_year})" if answer.baseline else "none"
    click.echo(f"  polarity: {polarity}; baseline: {baseline}; unit: {safe(answer.indicator.unit) or '-'}\n")
    if not answer.years:
        click.echo("No targets or realisations for any year.")
        return
    print_table(
        ["year", "target", "realised", "source", "capaian %", "from contributors %", "note"],
        [
            (
                y.year,
                _measure(y.target),
                _measure(y.realised),
                y.realised_source or "",
                _percent(y.capaian.value),
                _percent(y.rollup.capaian) if y.rollup else "",
                y.capaian.reason or (y.rollup.reason if y.rollup else "") or "",
            )
            for y in answer.years
        ],
    )


def _measure(measure: Measure | None) -> str:
    if measure is None:
        return "-"
    counts = f" ({measure.numerator:g}/{measure.denominator:g})" if measure.numerator is not None else ""
    return f"{measure.value:g}{counts}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


@click.group()
def realisation() -> None:
    """Record what an agency realised in a year.

    The same write as the API's PUT /indicators/{id}/realisations/{year}.
    """


@realisation.command("set")
@click.argument("indicator", metavar="NAME_OR_ID")
@click.argument("year", type=int)
@click.argument("value", type=float, required=False)
@click.option("--numerator", type=float, help="with --denominator: the counts VALUE was computed from")
@click.option("--denominator", type=float, help="with --numerator")
@click.option(
    "--quarter",
    "quarters",
    multiple=True,
    metavar="Q=VALUE",
    help="what was realised in quarter Q (1-4), e.g. --quarter 1=12.5; repeatable",
)
@click.option("--note", help="a note kept with the year's realisation")
@scope_options(version=False)
@json_option
@instance_option
def set_realisation(
    indicator: str,
    year: int,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    quarters: tuple[str, ...],
    note: str | None,
    scope: Scope,
    as_json: bool,
    instance: str | None,
) -> int:
    """Record the realisation of YEAR (VALUE, its quarters, or both) for the current version.

    Realisations are stored apart from the cascade's nodes: they outlive reloads and new
    versions. Entering a year (or a quarter) again replaces the earlier entry. Prints the series after.
    """
    from pydantic import TypeAdapter, ValidationError

    from lineage.cascade.model import Year
    from lineage.changes import Actor
    from lineage.series import RealisationInput, record_realisation

    try:
        TypeAdapter(Year).validate_python(year)
        entry = RealisationInput.model_validate(
            {
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "note": note,
                "quarters": _quarters(quarters),
            }
        )
    except ValidationError as exc:
        reasons = "; ".join(error["msg"].removeprefix("Value error, ") for error in exc.errors())
        raise Failure(f"realisation of {year}: {reasons}", USAGE) from None
    with connected(instance) as (driver, target):
        found = resolve(driver, indicator, scope, target.database)
        answer = record_realisation(driver, found.id, year, entry, actor=Actor.os_user("cli"), database=target.database)
    if not as_json:
        click.echo(f"Recorded the realisation of {year} for {safe(found.id)}.\n")
    return answered(answer, as_json, print_series)


def _quarters(entries: tuple[str, ...]) -> dict[str, float]:
    quarters: dict[str, float] = {}
    for entry in entries:
        quarter, _, value = entry.partition("=")
        try:
            quarters[quarter.strip()] = float(value)
        except ValueError:
            raise Failure(f"--quarter {entry!r}: write it as Q=VALUE, e.g. 1=12.5", USAGE) from None
    return quarters
