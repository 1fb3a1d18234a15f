"""Indicators: search, one indicator, and its lineage in both directions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from lineage import queries
from lineage.answers import ContributesToAnswer, ContributorsAnswer, IndicatorDetail, IndicatorPage
from lineage.api.deps import DatabaseDep
from lineage.api.negotiation import CSV_CONTENT, FormatQuery, csv_response, next_page_url, wants_csv
from lineage.api.scope import AgencyQuery, PeriodQuery, VersionQuery, load_for
from lineage.cascade.model import ElementKind, Tier
from lineage.export.tables import contributor_rows, indicator_rows

router = APIRouter(prefix="/indicators", tags=["indicators"])

IndicatorId = Annotated[
    str,
    Path(
        max_length=200,
        description="Global indicator id (cascade id, colon, id in the file)",
        examples=["makassar-diskopukm:ik-sasaran-2"],
    ),
]
Depth = Annotated[int, Query(ge=1, le=queries.MAX_DEPTH, description="How many roll-up steps to follow.")]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE, description="Items per page.")]
Cursor = Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page.")]


@router.get(
    "",
    response_model=IndicatorPage,
    name="search_indicators",
    summary="Search indicators by name",
    responses=CSV_CONTENT,
)
def search_indicators(
    request: Request,
    db: DatabaseDep,
    q: Annotated[str, Query(max_length=200, description="Part of the name; case and accents are ignored.")] = "",
    cascade: Annotated[str | None, Query(max_length=100, description="Only this cascade.")] = None,
    agency: AgencyQuery = None,
    period: PeriodQuery = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: FormatQuery = None,
) -> IndicatorPage | Response:
    found = queries.search_indicators(
        db.driver, q, limit=limit, cursor=cursor, cascade=cascade, agency=agency, period=period, database=db.name
    )
    if wants_csv(request, format):
        return csv_response(
            indicator_rows(found.items), filename="indicators", next_url=next_page_url(request, found.next_cursor)
        )
    return found


@router.get("/{indicator_id}", response_model=IndicatorDetail, name="get_indicator", summary="One indicator")
def get_indicator(db: DatabaseDep, indicator_id: IndicatorId, version: VersionQuery = None) -> IndicatorDetail:
    return queries.get_indicator(db.driver, indicator_id, load=load_for(db, indicator_id, version), database=db.name)


@router.get(
    "/{indicator_id}/contributors",
    response_model=ContributorsAnswer,
    name="list_contributors",
    summary="Every indicator that rolls up into this one",
    responses=CSV_CONTENT,
)
def list_contributors(
    request: Request,
    db: DatabaseDep,
    indicator_id: IndicatorId,
    tier: Annotated[Tier | None, Query(description="Only indicators owned at this tier (staff = JAFUNG/STAF).")] = None,
    level: Annotated[
        ElementKind | None, Query(description="Only indicators of elements at this cascade level.")
    ] = None,
    depth: Depth = 10,
    limit: Limit = 100,
    cursor: Cursor = None,
    agency: AgencyQuery = None,
    period: PeriodQuery = None,
    version: VersionQuery = None,
    format: FormatQuery = None,
) -> ContributorsAnswer | Response:
    answer = queries.contributors(
        db.driver,
        indicator_id,
        depth=depth,
        tier=tier,
        level=level,
        limit=limit,
        cursor=cursor,
        agency=agency,
        period=period,
        load=load_for(db, indicator_id, version),
        database=db.name,
    )
    if wants_csv(request, format):
        return csv_response(
            contributor_rows(answer.nodes),
            filename=f"contributors-{indicator_id}",
            next_url=next_page_url(request, answer.next_cursor),
            total=answer.total,
        )
    return answer


@router.get(
    "/{indicator_id}/contributes-to",
    response_model=ContributesToAnswer,
    name="list_contributes_to",
    summary="Every path from this indicator up to the top",
)
def list_contributes_to(
    db: DatabaseDep, indicator_id: IndicatorId, depth: Depth = 10, version: VersionQuery = None
) -> ContributesToAnswer:
    return queries.contributes_to(
        db.driver, indicator_id, depth=depth, load=load_for(db, indicator_id, version), database=db.name
    )
