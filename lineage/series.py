"""`GET /indicators/{id}/series` and `PUT /indicators/{id}/realisations/{year}`: an indicator's
figures, and what an agency reports it realised.

Realisations entered here are stored apart from the indicator's nodes (see `lineage.figures`),
so they outlive reloads and new versions of the cascade.
"""

from __future__ import annotations

from typing import Annotated, Any

from neo4j import Driver, ManagedTransaction
from pydantic import BaseModel, Discriminator, Field, Tag, model_validator

from lineage.answers import IndicatorSeries
from lineage.cascade.model import Measure, Year
from lineage.cypher import cypher
from lineage.figures import read_data
from lineage.lifecycle import read_pinned
from lineage.queries import active_node, indicator_summaries


class QuarterInput(Measure):
    """A quarter's value with its counts, as the API takes it: numbers only (`true` or "12" are
    refused, not read as 1 or 12), as the API document says."""

    value: float = Field(strict=True, allow_inf_nan=False)
    numerator: float | None = Field(None, strict=True, allow_inf_nan=False)
    denominator: float | None = Field(None, strict=True, allow_inf_nan=False)


def _quarter_kind(value: Any) -> str:
    return "counts" if isinstance(value, dict | QuarterInput) else "number"


#: A quarter's value: a bare number, or an object with its counts (documented as either). Told
#: apart by their shape, so that a refusal names what is wrong with the one that was sent.
Quarter = Annotated[
    Annotated[float, Field(strict=True, allow_inf_nan=False), Tag("number")] | Annotated[QuarterInput, Tag("counts")],
    Discriminator(_quarter_kind),
]


class RealisationInput(BaseModel):
    """What an agency reports for one year: the year's value and/or its quarters."""

    # strict: a number, as the API document says; `true` or "12" is refused, not read as 1 or 12
    value: float | None = Field(
        None, strict=True, allow_inf_nan=False, description="Realised value for the whole year."
    )
    numerator: float | None = Field(None, strict=True, allow_inf_nan=False)
    denominator: float | None = Field(None, strict=True, allow_inf_nan=False)
    note: str | None = Field(None, max_length=2000)
    quarters: dict[int, Quarter] = Field(
        default_factory=dict,
        description='Realised value per quarter, e.g. {"1": 12, "2": {"value": 30}}.',
        json_schema_extra={"propertyNames": {"pattern": "^[1-4]$"}},
    )

    @model_validator(mode="after")
    def _something_consistent(self) -> RealisationInput:
        if any(q not in (1, 2, 3, 4) for q in self.quarters):
            raise ValueError("quarters are numbered 1 to 4")
        if self.value is None and (self.numerator is not None or self.denominator is not None):
            raise ValueError("numerator and denominator go with a value")
        if self.value is None and not self.quarters:
            raise ValueError("give the year's value, its quarters, or both")
        if (self.numerator is None) != (self.denominator is None) or self.denominator == 0:
            raise ValueError("give both numerator and denominator (not 0), or neither")
        return self

    def measures(self) -> dict[int, Measure]:
        """quarter (0: the whole year) -> value."""
        out = {
            q: Measure(**m.model_dump()) if isinstance(m, QuarterInput) else Measure(value=m)
            for q, m in self.quarters.items()
        }
        if self.value is not None:
            out[0] = Measure(value=self.value, numerator=self.numerator, denominator=self.denominator)
        return out


def indicator_series(
    driver: Driver,
    indicator_id: str,
    *,
    load: str | None = None,
    database: str | None = None,
) -> IndicatorSeries:
    """`GET /indicators/{id}/series`: the indicator and its figures, year by year (`load`: of a
    kept version). Read from one load, pinned at the start and checked readable at the end
    (`lineage.lifecycle.read_pinned`), so a reload meanwhile never mixes two versions."""

    def body(tx: ManagedTransaction, pinned: str | None) -> IndicatorSeries:
        node = active_node(tx, indicator_id, pinned)
        summary = indicator_summaries(tx, [node])[node]
        return IndicatorSeries(indicator=summary, **read_data(tx, node, summary.period).model_dump())

    return read_pinned(driver, database, indicator_id.split(":", 1)[0], load, body)


def record_realisation(
    driver: Driver,
    indicator_id: str,
    year: Year,
    entry: RealisationInput,
    *,
    database: str | None = None,
) -> IndicatorSeries:
    """Store what was realised in `year` (and its quarters) for a current indicator; its series after."""
    measures = entry.measures()

    def work(tx: ManagedTransaction) -> None:
        node = active_node(tx, indicator_id)
        for quarter, measure in measures.items():
            tx.run(
                cypher("record_realisation"),
                node_id=node,
                year=year,
                quarter=quarter,
                value=measure.value,
                numerator=measure.numerator,
                denominator=measure.denominator,
                note=entry.note if quarter == 0 else None,
            ).consume()

    with driver.session(database=database) as session:
        session.execute_write(work)
    return indicator_series(driver, indicator_id, database=database)
