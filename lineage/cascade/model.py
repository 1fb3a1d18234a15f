"""The cascade file format: one agency's performance cascade (cascading kinerja) for one period.

The format is documented for planners in docs/cascade-format.md; these models are its definition.
They are strict about what a loader cannot guess (types, ids, references, cycles: see
`lineage.cascade.links`) and lenient about what an auditor should judge instead (an element
without indicators, a target nothing serves): those are audit findings, not load errors.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from lineage.cascade.vocabulary import ElementKind as ElementKind
from lineage.cascade.vocabulary import RegionKind as RegionKind
from lineage.cascade.vocabulary import Tier as Tier
from lineage.cascade.vocabulary import region_kind_of
from lineage.text import refuse_forbidden

FORMAT_VERSION = "lineage.cascade/1"

Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$"),
]
#: Add to a text field's annotation so that no way in (a file, an import's options, the API)
#: stores a control character (lineage.text): the readers refuse one with its line first.
Clean = AfterValidator(refuse_forbidden)
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), Clean]
#: A node of another cascade: its cascade id, a colon, its id there ("makassar-rpjmd:tujuan-1").
GlobalId = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, max_length=201, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._-]*$"
    ),
]
_YEAR_MIN, _YEAR_MAX = 1900, 2200
Year = Annotated[int, Field(ge=_YEAR_MIN, le=_YEAR_MAX)]


#: The field-name sets the models share (see `_Strict._share_fields_set`); bounded, for a process
#: that validates forever (the API).
_FIELD_SETS: dict[frozenset[str], set[str]] = {}
_MAX_SHARED = 4_096


class _Strict(BaseModel):
    # extra="forbid": a misspelt field ("parnet:") is an error with its line, never silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _share_fields_set(self) -> Any:
        """Models of one shape share one set of the names of their fields written, instead of a set
        each (216-728 bytes): a million indicators make eight million models, and these sets were
        a third of their memory (measured with tracemalloc, docs/scaling.md "Sizes"). Safe because
        the models are frozen: pydantic changes the set in place only on assignment, which they
        refuse, and `model_copy` copies it before adding to it."""
        mine = self.__pydantic_fields_set__
        key = frozenset(mine)
        shared = _FIELD_SETS.get(key)
        if shared is None:
            if len(_FIELD_SETS) >= _MAX_SHARED:
                return self
            shared = _FIELD_SETS[key] = mine
        object.__setattr__(self, "__pydantic_fields_set__", shared)
        return self


class Position(_Strict):
    id: Id
    name: Text
    tier: Tier


class Element(_Strict):
    id: Id
    kind: ElementKind
    name: Text
    #: Official code (Kepmendagri 050-5889): digits, or X for "any urusan" (X.XX.01), dot-separated.
    code: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9X]+(\.[0-9X]+)*$")] | None = None
    parent: Id | None = None
    #: The element of another cascade this one serves, instead of `parent` (an agency's target
    #: under the region's RPJMD goal, written "<cascade id>:<element id>"). The link is made when
    #: both cascades are loaded, and survives a reload of either.
    external_parent: GlobalId | None = None
    owner: Id | None = None
    #: Budget (pagu) per year, in Rupiah.
    budget: dict[Year, Annotated[float, Field(ge=0, allow_inf_nan=False)]] = Field(default_factory=dict)
    note: Text | None = None

    @model_validator(mode="after")
    def _one_parent(self) -> Element:
        if self.parent and self.external_parent:
            raise ValueError("give `parent` (in this cascade) or `external_parent` (in another), not both")
        return self


class IndicatorType(StrEnum):
    """The level of result an indicator measures (jenis indikator)."""

    impact = "impact"
    outcome = "outcome"
    output = "output"


class Polarity(StrEnum):
    """Whether a higher realised value is better (positif) or a lower one (negatif: poverty, unemployment)."""

    higher = "higher"
    lower = "lower"  # type: ignore[assignment]  # the format's word; only the member shadows str.lower


class Measure(_Strict):
    """A value (a target, a baseline, a realisation) and, for a ratio or a percentage of counts,
    the counts it was computed from: only those let a roll-up weigh contributors by their size."""

    value: float = Field(allow_inf_nan=False)
    numerator: float | None = Field(None, allow_inf_nan=False)
    denominator: float | None = Field(None, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: object) -> object:
        """A bare number (`2025: 80`) is a value without counts."""
        return {"value": data} if isinstance(data, (int, float, str)) else data

    @model_validator(mode="after")
    def _counts_together(self) -> Measure:
        if (self.numerator is None) != (self.denominator is None):
            raise ValueError("give both `numerator` and `denominator`, or neither")
        if self.denominator == 0:
            raise ValueError("`denominator` cannot be 0")
        return self


#: Equal targets and baselines are one object (`_shared_measure`), as are equal years; bounded.
_MEASURES: dict[tuple[float, float | None, float | None], Measure] = {}
_YEARS: dict[int, int] = {}  # at most the 301 years a `Year` allows


def _shared_measure(measure: Measure) -> Measure:
    """The one frozen `Measure` equal to `measure`: the same targets recur across indicators (100,
    80, 90 percent; each of the synthetic cascades' five yearly targets takes one of 30 values),
    and each copy costs about 500 bytes. Frozen, so sharing cannot be seen but as equality."""
    if type(measure) is not Measure:
        return measure
    key = (measure.value, measure.numerator, measure.denominator)
    if 0.0 in key:  # 0.0 == -0.0: sharing would turn one into the other
        return measure
    shared = _MEASURES.get(key)
    if shared is None:
        if len(_MEASURES) >= _MAX_SHARED * 4:
            return measure
        shared = _MEASURES[key] = measure
    return shared


class Realisation(Measure):
    """What was achieved in a year (`quarter` left out) or in one quarter of it."""

    year: Year
    quarter: Annotated[int, Field(ge=1, le=4)] | None = None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: object) -> object:
        return data


class Indicator(_Strict):
    id: Id
    name: Text
    #: The element this indicator measures (the box it is written in).
    measures: Id | None = None
    #: Indicators this one rolls up into. Left out: every indicator of the parent of the element it
    #: measures (the diagram's box-to-box arrow). An empty list: it rolls up into nothing.
    contributes_to: list[Id] | None = None
    #: Left out: the owner of the element it measures.
    owner: Id | None = None
    unit: Text | None = None
    #: Other spellings of the same indicator in the source (another page of the diagram, say).
    also_written_as: list[Text] = Field(default_factory=list)
    note: Text | None = None
    # The "manual IK" (indicator manual) fields; all optional.
    type: IndicatorType | None = None
    #: Left out: higher is better (answers say when they assumed it).
    polarity: Polarity | None = None
    definition: Text | None = None
    formula: Text | None = None
    data_source: Text | None = None
    #: How often it is reported: tahunan, semesteran, triwulanan, ...
    frequency: Text | None = None
    baseline: Measure | None = None
    baseline_year: Year | None = None
    targets: dict[Year, Measure] = Field(default_factory=dict)
    realisations: list[Realisation] = Field(default_factory=list)

    @field_validator("baseline")
    @classmethod
    def _shared_baseline(cls, value: Measure | None) -> Measure | None:
        return _shared_measure(value) if value is not None else None

    @field_validator("targets")
    @classmethod
    def _shared_targets(cls, value: dict[int, Measure]) -> dict[int, Measure]:
        return {_YEARS.setdefault(year, year): _shared_measure(measure) for year, measure in value.items()}

    @field_validator("realisations")
    @classmethod
    def _one_value_per_period(cls, value: list[Realisation]) -> list[Realisation]:
        seen: set[tuple[int, int | None]] = set()
        for item in value:
            key = (item.year, item.quarter)
            if key in seen:
                when = f"{item.year}" + (f" quarter {item.quarter}" if item.quarter else "")
                raise ValueError(f"two realisations for {when}")
            seen.add(key)
        return value


class Period(_Strict):
    start: Year
    end: Year

    def __str__(self) -> str:
        return f"{self.start}-{self.end}" if self.end != self.start else str(self.start)


class BadPeriod(ValueError):
    """A plan period Lineage cannot read: not "YYYY-YYYY" or "YYYY", ending before it starts, or
    outside the years a cascade may cover. A ValueError, so pydantic reports it as the field's error."""


_PERIOD_TEXT = re.compile(r"\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*")


def parse_period(text: str | int) -> Period:
    """A period the way planners write it: "2021-2026" (also with an en dash or a slash), or one
    year, "2024". The one reading of a period everywhere: cascade files, import options, and the
    `period` filter of the questions."""
    match = _PERIOD_TEXT.fullmatch(str(text))
    if not match:
        raise BadPeriod(f'{str(text)!r}: write the period as "YYYY-YYYY" or "YYYY"')
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start:
        raise BadPeriod(f"the period ends ({end}) before it starts ({start})")
    if not (start >= _YEAR_MIN and end <= _YEAR_MAX):
        raise BadPeriod(f"{str(text)!r}: a period lies within the years {_YEAR_MIN}-{_YEAR_MAX}")
    return Period(start=start, end=end)


class Cascade(_Strict):
    format: str = FORMAT_VERSION
    id: Id
    #: A label for this version of the cascade ("2025-perubahan"). Loading a file whose version
    #: differs from the loaded one keeps the loaded one queryable; the same version replaces it.
    version: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), Clean] | None = None
    agency: Text
    region: Text
    #: kota, kabupaten or provinsi: decides the head's title (Walikota, Bupati, Gubernur). Left
    #: out: what the region's name says ("Kabupaten Gowa"), else nothing (the head as written).
    region_kind: RegionKind | None = None
    period: Period
    source: Text | None = None
    notes: Text | None = None
    positions: list[Position] = Field(default_factory=list)
    elements: list[Element] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value != FORMAT_VERSION:
            raise ValueError(f"this version of Lineage reads {FORMAT_VERSION!r}, not {value!r}")
        return value

    @field_validator("region_kind")
    @classmethod
    def _kind_agrees_with_region(cls, value: RegionKind | None, info: ValidationInfo) -> RegionKind | None:
        said = region_kind_of(info.data["region"]) if "region" in info.data else None
        if value is not None and said is not None and said is not value:
            raise ValueError(f"the region {info.data['region']!r} is a {said.value}, not a {value.value}")
        return value

    @field_validator("positions")
    @classmethod
    def _head_of_this_region(cls, value: list[Position], info: ValidationInfo) -> list[Position]:
        """A region has one head: when its kind is known, the head's tier is that region's (a
        `walikota` written in a kabupaten's file is its `bupati`), so labels never call a Bupati
        Walikota. Unknown kind: the tier as written."""
        kind = info.data.get("region_kind") or region_kind_of(info.data.get("region", ""))
        if kind is None:
            return value
        return [p.model_copy(update={"tier": kind.head}) if p.tier.is_head else p for p in value]

    @property
    def kind_of_region(self) -> RegionKind | None:
        """`region_kind`, or what the region's name says."""
        return self.region_kind or region_kind_of(self.region)

    @field_validator("period", mode="before")
    @classmethod
    def _period_from_text(cls, value: object) -> object:
        """Accept the way planners write it: "2021-2026" (or one year, "2024")."""
        return parse_period(value) if isinstance(value, (str, int)) else value
