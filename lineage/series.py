"""`GET /indicators/{id}/series` and `PUT /indicators/{id}/realisations/{year}`: an indicator's
figures, and what an agency reports it realised.

Realisations entered here are stored apart from the indicator's nodes (see `lineage.figures`),
so they outlive reloads and new versions of the cascade; each entry is kept (the newest answers),
and recorded in the change log (`lineage.changes`) with the value before and after.
"""

from __future__ import annotations

from typing import Annotated, Any

from neo4j import Driver, ManagedTransaction
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from lineage import changes
from lineage.answers import IndicatorSeries
from lineage.cascade.model import Clean, Measure, Year
from lineage.changes import Actor
from lineage.cypher import cypher
from lineage.figures import read_data
from lineage.indicators import active_node, indicator_summaries
from lineage.lifecycle import read_pinned
from lineage.loader import ensure_schema


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

    # extra="forbid": a misspelt field ("quartal") is refused, never silently dropped with its data
    model_config = ConfigDict(extra="forbid")
    # strict: a number, as the API document says; `true` or "12" is refused, not read as 1 or 12
    value: float | None = Field(
        None, strict=True, allow_inf_nan=False, description="Realised value for the whole year."
    )
    numerator: float | None = Field(None, strict=True, allow_inf_nan=False)
    denominator: float | None = Field(None, strict=True, allow_inf_nan=False)
    note: Annotated[str, Clean] | None = Field(None, max_length=2000)
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
    actor: Actor | None = None,
    database: str | None = None,
) -> IndicatorSeries:
    """Store what was realised in `year` (and its quarters) for a current indicator, as a new entry
    that answers from now on (earlier entries stay, as its history), with a record in the change
    log of each value before and after, in the same transaction; its series after."""
    measures = entry.measures()
    who = changes.current(actor)[0]
    _ensure_schema_once(driver, database)

    def work(tx: ManagedTransaction) -> None:
        node = active_node(tx, indicator_id)
        for quarter, measure in measures.items():
            written = tx.run(
                cypher("record_realisation"),
                node_id=node,
                year=year,
                quarter=quarter,
                value=measure.value,
                numerator=measure.numerator,
                denominator=measure.denominator,
                note=entry.note if quarter == 0 else None,
                who=who.who,
            ).single(strict=True)
            changes.record(
                tx,
                who,
                "realisation",
                written["cascade"],
                indicator=written["indicator"],
                year=year,
                quarter=quarter,
                before=_without_none(written["before"]),
                after=_without_none(written["after"]),
            )

    with driver.session(database=database) as session:
        session.execute_write(work)
    return indicator_series(driver, indicator_id, database=database)


class RealisationEntry(BaseModel):
    """One realisation as it was entered; `current`: the entry that answers for its period."""

    year: int
    quarter: int = Field(description="0: the whole year.")
    value: float
    numerator: float | None = None
    denominator: float | None = None
    note: str | None = None
    entered_at: str | None = None
    entered_by: str | None = None
    current: bool


class RealisationHistory(BaseModel):
    indicator: str
    items: list[RealisationEntry] = Field(description="By year and quarter; newest first within each.")


def realisation_history(
    driver: Driver, indicator_id: str, *, year: int | None = None, database: str | None = None
) -> RealisationHistory:
    """Every realisation entered for a current indicator (of `year`), the answering one marked."""

    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        active_node(tx, indicator_id)  # raises NotFound for an unknown indicator
        cascade, _, local_id = indicator_id.partition(":")
        records = tx.run(cypher("realisation_history"), cascade=cascade, indicator=local_id, year=year)
        return [dict(r["entry"]) for r in records]

    with driver.session(database=database) as session:
        entries = session.execute_read(work)
    seen: set[tuple[int, int]] = set()
    items = []
    for e in entries:
        period = (e["year"], e["quarter"])
        items.append(RealisationEntry(**{k: v for k, v in e.items() if k != "seq"}, current=period not in seen))
        seen.add(period)
    return RealisationHistory(indicator=indicator_id, items=items)


def _without_none(measure: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if measure is None else {k: v for k, v in measure.items() if v is not None}


_schema_ready: set[tuple[int, str | None]] = set()


def _ensure_schema_once(driver: Driver, database: str | None) -> None:
    """Realisations may be the first write a server makes after an upgrade: the schema (which
    no longer keeps one realisation per period) must be current before it."""
    key = (id(driver), database)
    if key not in _schema_ready:
        ensure_schema(driver, database)
        _schema_ready.add(key)
