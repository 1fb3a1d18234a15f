"""Achievement (capaian): how much of a target was realised, and how it rolls up to a parent.

Why its own module: the rules are easy to get subtly wrong and reporting tools act on the
figures, so they live in plain functions over plain numbers, tested by hand-checked examples.

- An indicator where higher is better (positif): capaian = realised / target x 100.
- Lower is better (negatif: unemployment, poverty): capaian = (2 x target - realised) / target x 100,
  the "target minus the overshoot" rule of SAKIP performance reports: meeting the target exactly
  is 100%, every point above it costs as much as a point short would for a positive indicator.
- Rolling up to a parent never averages percentages. Contributors that all give numerators and
  denominators are pooled (sum of numerators over sum of denominators, for target and realised);
  contributors counted in one additive unit (orang, unit usaha, dokumen) are summed. Anything else
  (percentages without their counts, mixed units or polarities) gets no figure, and a reason: a
  mean of a 2-cooperative program's 100% and a 200-cooperative program's 50% is not 75%.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from lineage.cascade.model import Measure, Polarity
from lineage.text import fold

#: Units whose values cannot be added across indicators (shares, ratios, indices, scores).
NON_ADDITIVE_UNITS = (
    "%",
    "persen",
    "percent",
    "rasio",
    "ratio",
    "indeks",
    "index",
    "nilai",
    "skor",
    "score",
    "predikat",
    "peringkat",
    "kategori",
    "level",
    "tingkat",
    "per ",
    "/",
)


class Capaian(BaseModel):
    """Achievement of one target; `value` null means it could not be computed, and `reason` says why."""

    value: float | None = Field(None, description="Percent of the target achieved (100 = met).")
    reason: str | None = None


class RollUp(BaseModel):
    """Achievement of a parent's year computed from its direct contributors."""

    method: str = Field(description="pooled_ratio (sum of numerators / sum of denominators), sum, or none.")
    target: float | None = None
    realised: float | None = None
    capaian: float | None = None
    contributors: list[str] = Field(description="Ids of the contributors the figure is computed from.")
    missing: list[str] = Field([], description="Contributors left out: no target or no realisation that year.")
    reason: str | None = Field(None, description="Why there is no figure, or what it leaves out.")


def capaian(target: float | None, realised: float | None, polarity: Polarity | None) -> Capaian:
    """Polarity-aware achievement of one target, in percent (higher is better when `polarity` is None)."""
    if target is None:
        return Capaian(reason="no target for this year")
    if realised is None:
        return Capaian(reason="no realisation for this year")
    if target == 0:
        return Capaian(reason="the target is 0: achievement as a share of it is undefined")
    if polarity is Polarity.lower:
        return Capaian(value=_round((2 * target - realised) / target * 100))
    return Capaian(value=_round(realised / target * 100))


@dataclass(frozen=True)
class ContributorYear:
    """One contributor's figures for the year being rolled up."""

    id: str
    unit: str | None
    polarity: Polarity | None
    target: Measure | None
    realised: Measure | None


def roll_up(contributors: list[ContributorYear]) -> RollUp | None:
    """The parent's achievement from its contributors' figures, or a reason why there is none.

    None when the indicator has no contributors at all (nothing to roll up).
    """
    if not contributors:
        return None
    usable = [c for c in contributors if c.target is not None and c.realised is not None]
    missing = sorted(c.id for c in contributors if c not in usable)
    ids = sorted(c.id for c in usable)
    if not usable:
        return RollUp(
            method="none",
            contributors=[],
            missing=missing,
            reason="no contributor has both a target and a realisation for this year",
        )
    polarities = {c.polarity or Polarity.higher for c in usable}
    partial = f"computed from {len(usable)} of {len(contributors)} contributors" if missing else None
    if len(polarities) > 1:
        return RollUp(
            method="none",
            contributors=ids,
            missing=missing,
            reason="contributors differ in polarity (higher and lower is better): their figures cannot be combined",
        )
    polarity = polarities.pop()
    figures = [(c.target, c.realised) for c in usable if c.target is not None and c.realised is not None]
    units = {fold(c.unit) if c.unit else None for c in usable}
    if pooled := _pooled(figures):
        method, (target, realised) = "pooled_ratio", pooled
    elif len(units) == 1 and (unit := units.pop()) and _additive(unit):
        method = "sum"
        target, realised = sum(t.value for t, _ in figures), sum(r.value for _, r in figures)
    else:
        return RollUp(method="none", contributors=ids, missing=missing, reason=_why_not(usable))
    return RollUp(
        method=method,
        target=_round(target),
        realised=_round(realised),
        capaian=capaian(target, realised, polarity).value,
        contributors=ids,
        missing=missing,
        reason=partial,
    )


def _why_not(usable: list[ContributorYear]) -> str:
    units = sorted({c.unit or "(no unit)" for c in usable})
    if len(units) > 1:
        return f"contributors are measured in different units ({', '.join(units)}): their figures cannot be added"
    return (
        f"contributors are {units[0]} figures without numerators and denominators: averaging their "
        "achievement would weigh a small program like a large one; give the counts to roll them up"
    )


def _pooled(figures: list[tuple[Measure, Measure]]) -> tuple[float, float] | None:
    """(target, realised), each the sum of the numerators over the sum of the denominators, or
    None when a contributor lacks a numerator or a denominator."""
    sums = [0.0, 0.0, 0.0, 0.0]
    for target, realised in figures:
        counts = (target.numerator, target.denominator, realised.numerator, realised.denominator)
        for k, count in enumerate(counts):
            if count is None:
                return None
            sums[k] += count
    return sums[0] / sums[1], sums[2] / sums[3]


def _additive(unit: str) -> bool:
    return not any(marker in unit for marker in NON_ADDITIVE_UNITS)


def _round(value: float) -> float:
    return round(value, 2)
