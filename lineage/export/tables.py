"""The rows of the API's list answers as a spreadsheet reads them: one row per item, the header
first, the same columns whatever the filters (CSV through `format=csv` or `Accept: text/csv`)."""

from __future__ import annotations

from collections.abc import Sequence

from lineage.answers import IndicatorSummary, LineageNode

INDICATOR_COLUMNS = [
    "id",
    "cascade",
    "agency",
    "region",
    "period",
    "name",
    "unit",
    "kind",
    "element_id",
    "element",
    "code",
    "owner",
    "tier",
]


def _indicator(item: IndicatorSummary) -> list[object]:
    element, owner = item.element, item.owner
    return [
        item.id,
        item.cascade,
        item.agency or "",
        item.region or "",
        item.period or "",
        item.name,
        item.unit or "",
        element.kind.value if element else "",
        element.id if element else "",
        element.name if element else "",
        (element.code or "") if element else "",
        owner.name if owner else "",
        owner.tier_label if owner else "",
    ]


def indicator_rows(items: Sequence[IndicatorSummary]) -> list[list[object]]:
    """Search results: one indicator a row."""
    return [list(INDICATOR_COLUMNS), *(_indicator(item) for item in items)]


def contributor_rows(items: Sequence[LineageNode]) -> list[list[object]]:
    """Contributors: how many roll-up steps below the indicator asked about, then the indicator."""
    return [["hops", *INDICATOR_COLUMNS], *([item.hops, *_indicator(item)] for item in items)]
