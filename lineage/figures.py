"""Reading an indicator's figures year by year: targets, realisations (from the file or entered
through the API), polarity-aware achievement, and the roll-up from its direct contributors.

Why realisations entered through the API live apart from the indicator: the indicator nodes
belong to one load of the cascade and are replaced by the next; what an agency reported for 2025
must not vanish when its Renstra is reloaded. They are keyed by cascade, indicator id and
period, and win over a value the file gives for the same period.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from neo4j import ManagedTransaction

from lineage.answers import IndicatorData, QuarterPoint, YearPoint
from lineage.capaian import ContributorYear, capaian, roll_up
from lineage.cascade.model import IndicatorType, Measure, Polarity, parse_period
from lineage.pins import statement_text

#: Realised values keyed by (year, quarter), quarter 0 being the whole year, with their source.
Realised = dict[tuple[int, int], tuple[Measure, str]]


def read_data(tx: ManagedTransaction, node_id: str, period: str | None) -> IndicatorData:
    """The figures of the indicator node `node_id` (elementId, inside `tx`): every year of
    `period` (the plan period of the node's version, as its summary says it) and every other
    year it or a contributor has a figure for."""
    record = tx.run(statement_text("indicator_series"), node_id=node_id).single(strict=True)
    return data_of(record, period)


def data_of(record: Mapping[str, Any], period: str | None) -> IndicatorData:
    """The figures from what cypher/indicator_figures.cypher returns (`indicator`, `entered`,
    `children`), as `read_data` says."""
    ind = record["indicator"]
    figures = json.loads(ind.get("data_json") or "{}")
    targets = {int(y): Measure.model_validate(m) for y, m in figures.get("targets", {}).items()}
    realised = _realised(figures, record["entered"])
    children = [_child(c) for c in record["children"]]
    years = (
        set(targets)
        | {y for y, _ in realised}
        | {y for c in children for y in c[1]}
        | {y for c in children for y, _ in c[2]}
    )
    if period:
        plan = parse_period(period)
        years |= set(range(plan.start, plan.end + 1))
    polarity = Polarity(ind["polarity"]) if ind.get("polarity") else None
    return IndicatorData(
        type=IndicatorType(ind["type"]) if ind.get("type") else None,
        polarity=polarity or Polarity.higher,
        polarity_assumed=polarity is None,
        definition=ind.get("definition"),
        formula=ind.get("formula"),
        data_source=ind.get("data_source"),
        frequency=ind.get("frequency"),
        baseline=Measure.model_validate(figures["baseline"]) if "baseline" in figures else None,
        baseline_year=figures.get("baseline_year"),
        years=[_year(year, targets, realised, polarity, children) for year in sorted(years)],
    )


def _realised(figures: dict[str, Any], entered: list[dict[str, Any]]) -> Realised:
    out: Realised = {}
    for item in figures.get("realisations", []):
        out[(item["year"], item.get("quarter") or 0)] = (_measure(item), "file")
    for item in entered:
        out[(item["year"], item["quarter"])] = (_measure(item), "entered")
    return out


def _measure(item: dict[str, Any]) -> Measure:
    return Measure(value=item["value"], numerator=item.get("numerator"), denominator=item.get("denominator"))


def _child(child: dict[str, Any]) -> tuple[ContributorYear, dict[int, Measure], Realised]:
    figures = json.loads(child.get("data_json") or "{}")
    targets = {int(y): Measure.model_validate(m) for y, m in figures.get("targets", {}).items()}
    polarity = Polarity(child["polarity"]) if child.get("polarity") else None
    template = ContributorYear(child["uid"], child.get("unit"), polarity, None, None)
    return template, targets, _realised(figures, child["entered"])


def _year(
    year: int,
    targets: dict[int, Measure],
    realised: Realised,
    polarity: Polarity | None,
    children: list[tuple[ContributorYear, dict[int, Measure], Realised]],
) -> YearPoint:
    target = targets.get(year)
    yearly = realised.get((year, 0))
    contributors = [
        ContributorYear(t.id, t.unit, t.polarity, c_targets.get(year), (c_real.get((year, 0)) or (None, ""))[0])
        for t, c_targets, c_real in children
    ]
    return YearPoint(
        year=year,
        target=target,
        realised=yearly[0] if yearly else None,
        realised_source=yearly[1] if yearly else None,
        quarters=[
            QuarterPoint(quarter=q, realised=m, source=source)
            for (y, q), (m, source) in sorted(realised.items())
            if y == year and q
        ],
        capaian=capaian(target.value if target else None, yearly[0].value if yearly else None, polarity),
        rollup=roll_up(contributors),
    )
