"""The shapes of Lineage's answers, shared by the API (JSON) and the CLI (`--json` and text).

Why one set of models: a reporting tool reading the API and a script reading `lineage ... --json`
should parse the same thing. Lineage answers follow the lineage APIs (Atlas, DataHub, Marquez):
nodes with their hop distance, an explicit edge list, and flags saying whether the answer was cut
short, because a parent-and-level list alone breaks when a node has two parents.

One vocabulary: `hops` is a distance, `kind` an element's level in the cascade, `items` and
`total` the list of every list answer and its size over all pages. The names used before
(`level` for hops, `nodes` for items) are still sent, marked deprecated, for one version.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from lineage.capaian import Capaian, RollUp
from lineage.cascade.model import ElementKind, IndicatorType, Measure, Polarity, Tier


class _Answer(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class PositionRef(_Answer):
    id: str = Field(description="Global id: cascade id, colon, id in the cascade file.")
    name: str
    tier: Tier
    tier_label: str = Field(description="The tier as the diagram writes it, e.g. JAFUNG/STAF.")

    @classmethod
    def of(cls, node: dict[str, Any] | None) -> PositionRef | None:
        """From a Position node's {uid, name, tier} as the Cypher files return it."""
        if not node:
            return None
        return cls(id=node["uid"], name=node["name"], tier=node["tier"], tier_label=Tier(node["tier"]).label)


class ElementRef(_Answer):
    id: str
    kind: ElementKind
    name: str
    code: str | None = None


class IndicatorSummary(_Answer):
    id: str = Field(
        description="Global id: cascade id, colon, id in the cascade file.",
        examples=["makassar-diskopukm:ik-sasaran-2"],
    )
    local_id: str = Field(description="The id written in the cascade file.")
    cascade: str
    agency: str | None = Field(None, description="The agency (OPD) whose cascade holds it.")
    region: str | None = None
    period: str | None = Field(None, description="The period of its cascade, e.g. 2025-2029.")
    name: str
    unit: str | None = None
    element: ElementRef | None = Field(None, description="The element (box) the indicator measures.")
    owner: PositionRef | None = None


class IndicatorDetail(IndicatorSummary):
    also_written_as: list[str] = []
    data: IndicatorData | None = Field(
        None, description="Indicator manual fields, targets, realisations and achievement per year."
    )
    note: str | None = None
    contributes_to: list[IndicatorSummary] = Field([], description="Indicators this one rolls up into directly.")
    contributors: list[IndicatorSummary] = Field([], description="Indicators that roll up into this one directly.")


#: Said of the names kept for one version beside the new ones (OpenAPI marks them deprecated).
DEPRECATED = "Deprecated: the same as `{new}`, kept for one version; read `{new}` instead."


class LineageNode(IndicatorSummary):
    hops: int = Field(description="Hop distance from the indicator asked about (1 = direct).")
    level: int = Field(description=DEPRECATED.format(new="hops"), deprecated=True)


class Edge(_Answer):
    """`from` contributes to (rolls up into) `to`."""

    from_: str = Field(alias="from")
    to: str


class ContributorsAnswer(_Answer):
    indicator: IndicatorSummary
    depth: int
    tier: Tier | None = None
    kind: ElementKind | None = Field(None, description="The element kind asked for (null: every kind).")
    level: ElementKind | None = Field(None, description=DEPRECATED.format(new="kind"), deprecated=True)
    total: int = Field(description="Contributors matching the filters, over all pages.")
    items: list[LineageNode] = Field(description="This page of contributors, nearest first, then by name.")
    nodes: list[LineageNode] = Field(description=DEPRECATED.format(new="items"), deprecated=True)
    edges: list[Edge] = Field(description="Roll-up links among the items of this page and the indicator asked about.")
    truncated: bool = Field(description="True when contributors exist beyond `depth` or beyond the server's cap.")
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last page.")


class ContributesToAnswer(_Answer):
    indicator: IndicatorSummary
    depth: int
    total: int = Field(description="Indicators it rolls up into, within `depth`.")
    items: list[LineageNode] = Field(description="Every indicator it rolls up into, nearest first.")
    nodes: list[LineageNode] = Field(description=DEPRECATED.format(new="items"), deprecated=True)
    edges: list[Edge]
    paths: list[list[str]] = Field(description="Every path from the indicator up to a top indicator, as lists of ids.")
    cycles: list[list[str]] = Field([], description="Cycles met on the way up (each a closed list of ids).")
    truncated: bool = Field(description="True when paths go on beyond `depth` or more paths exist than were listed.")


class IndicatorPage(_Answer):
    items: list[IndicatorSummary] = Field(description="Exact matches first, then every word matched, then near ones.")
    total: int = Field(description="Indicators matching, over all pages (at most the search's cap: see `truncated`).")
    truncated: bool = Field(
        False, description="True when more indicators match than the search ranks: add words to narrow it."
    )
    next_cursor: str | None = None


class Health(_Answer):
    status: str = Field(description="ok, or unavailable when Neo4j cannot be reached.")
    neo4j: str = Field(description="reachable or unreachable")
    neo4j_version: str | None = None
    cascades: int | None = None
    detail: str | None = None


class CascadeSummary(_Answer):
    """A cascade and its size: what GET /cascades lists of a loaded cascade (its current version),
    and what an import report says it read of a cascade in a file (before any load)."""

    id: str
    agency: str
    region: str
    period: str
    source: str | None = None
    file: str | None = Field(None, description="The file its current version was loaded from (null: not recorded).")
    sha256: str | None = Field(
        None,
        description="SHA-256 of that file's bytes, as sha256sum prints it: which file a version came from"
        " (null: a folder of tables, or not recorded).",
    )
    loaded_at: str | None = Field(None, description="When its current version was loaded (null: not loaded).")
    version: str | None = Field(None, description="The label of the version (null: unlabelled).")
    elements: dict[ElementKind, int] = Field(description="Elements of each kind.")
    indicators: int
    indicators_by_kind: dict[ElementKind, int] | None = Field(
        None,
        description="Indicators by the kind of element they measure: given by an import report; null in the list"
        " of loaded cascades (which counts each load's nodes once and keeps the count).",
    )
    positions: int | None = Field(
        None, description="Positions (owners) the file declares: given by an import report; null in the list."
    )


class CascadePage(_Answer):
    items: list[CascadeSummary]
    total: int = Field(description="Cascades matching, over all pages.")
    next_cursor: str | None = None


class BoxIndicator(_Answer):
    """An indicator as it sits in its element's box."""

    id: str
    local_id: str
    name: str
    unit: str | None = None
    owner: PositionRef | None = None
    contributes_to: list[str] = Field(description="Ids of the indicators this one rolls up into.")


class OutsideParent(_Answer):
    """The element of another cascade a box serves (an agency's target under the region's goal)."""

    id: str = Field(description="Global id, as the cascade file's `external_parent` writes it.")
    cascade: str
    agency: str | None = Field(None, description="The agency of that cascade; null while it is not loaded.")
    name: str | None = Field(
        None, description="The element's name; null while that cascade's current version lacks it."
    )


class ServingCascade(_Answer):
    """Another cascade some of whose elements serve a box (agencies under the region's goal)."""

    cascade: str
    agency: str | None = None
    elements: int = Field(description="How many of its elements serve the box (drawn in that cascade's own view).")


class ElementBox(_Answer):
    """One box of the cascade diagram: an element, its owner, its indicators.

    A cascade's diagram is its own tree: `parent` and `children` are elements of the same cascade.
    Links across cascades are said beside them (`external_parent`, `served_by`), never as boxes.
    """

    id: str
    local_id: str
    kind: ElementKind
    name: str
    code: str | None = None
    parent: str | None = Field(None, description="Id of the element of this cascade this one contributes to.")
    external_parent: OutsideParent | None = Field(
        None, description="The element of another cascade this one contributes to instead (its cascade's view has it)."
    )
    owner: PositionRef | None = None
    indicators: list[BoxIndicator]
    children: int = Field(description="How many elements of this cascade contribute to this one.")
    served_by: list[ServingCascade] = Field(
        [], description="Other cascades whose elements contribute to this one, with how many each."
    )


class ElementPage(_Answer):
    cascade: str
    items: list[ElementBox]
    total: int = Field(description="Elements matching (kind, parents, roots), over all pages.")
    next_cursor: str | None = None


# -- indicator data: targets, realisations, achievement ---------------------------------------


class QuarterPoint(_Answer):
    quarter: int = Field(ge=1, le=4)
    realised: Measure
    source: str = Field(description="file (loaded with the cascade) or entered (through the API; wins over the file).")


class YearPoint(_Answer):
    """One year of an indicator: its target, what was realised, and the achievement."""

    year: int
    target: Measure | None = None
    realised: Measure | None = None
    realised_source: str | None = Field(None, description="file or entered (through the API; wins over the file).")
    quarters: list[QuarterPoint] = []
    capaian: Capaian = Field(description="Polarity-aware achievement of this year's target, in percent.")
    rollup: RollUp | None = Field(None, description="Achievement computed from the direct contributors (null: none).")


class IndicatorData(_Answer):
    """The indicator manual (manual IK) fields and the yearly figures of one indicator."""

    type: IndicatorType | None = None
    polarity: Polarity = Polarity.higher
    polarity_assumed: bool = Field(
        False, description="True when the source gave no polarity and higher-is-better was assumed."
    )
    definition: str | None = None
    formula: str | None = None
    data_source: str | None = None
    frequency: str | None = None
    baseline: Measure | None = None
    baseline_year: int | None = None
    years: list[YearPoint] = []


class IndicatorSeries(IndicatorData):
    indicator: IndicatorSummary


IndicatorDetail.model_rebuild()
