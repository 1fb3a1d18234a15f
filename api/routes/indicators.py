"""Indicators: search, one indicator, and its lineage in both directions.

Why async routes that hand the question to the thread pool themselves: FastAPI runs a sync route
in its thread pool, and then validates the answer against `response_model` in the thread pool
again, each hand-off a trip through a thread and back to the event loop. Here a request crosses to
a thread once, for the blocking Neo4j read, and the answer (a model built from our own rows) is
checked and serialised on the loop. Measured in `scripts/bench.py` (docs/scaling.md "Throughput on
one machine").
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from lineage import indicators, rollups, search
from lineage.answers import ContributesToAnswer, ContributorsAnswer, IndicatorDetail, IndicatorPage
from lineage.api.deps import DatabaseDep
from lineage.api.negotiation import CSV_CONTENT, FormatQuery, csv_response, next_page_url, wants_csv
from lineage.api.scope import PAGED, RELOADING, AgencyQuery, PeriodQuery, VersionQuery
from lineage.cascade.model import ElementKind, Tier
from lineage.export.tables import contributor_rows, indicator_rows
from lineage.paging import MAX_CURSOR, MAX_PAGE

router = APIRouter(prefix="/indicators", tags=["indicators"], responses=RELOADING)

IndicatorId = Annotated[
    str,
    Path(
        max_length=200,
        description="Global indicator id (cascade id, colon, id in the file)",
        examples=["makassar-diskopukm:ik-sasaran-2"],
    ),
]
Depth = Annotated[int, Query(ge=1, le=rollups.MAX_DEPTH, description="How many roll-up steps to follow.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")]
Cursor = Annotated[str | None, Query(max_length=MAX_CURSOR, description="`next_cursor` of the previous page.")]
Kind = Annotated[ElementKind | None, Query(description="Only indicators of elements of this kind (cascade level).")]
Level = Annotated[
    ElementKind | None,
    Query(description="Deprecated: the old name of `kind`, kept for one version.", deprecated=True),
]


@router.get(
    "",
    response_model=IndicatorPage,
    name="search_indicators",
    summary="Search indicators by name",
    responses={**PAGED, **CSV_CONTENT},
)
async def search_indicators(
    request: Request,
    db: DatabaseDep,
    q: Annotated[
        str,
        Query(
            max_length=search.MAX_QUERY,
            description="Words of the name, in any order; case, accents, common misspellings, one typo per word "
            "and filler words (yang, jumlah, persentase, ...) do not matter; part of a word is found too.",
        ),
    ] = "",
    cascade: Annotated[str | None, Query(max_length=100, description="Only this cascade.")] = None,
    agency: AgencyQuery = None,
    period: PeriodQuery = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: FormatQuery = None,
) -> IndicatorPage | Response:
    found = await run_in_threadpool(
        search.search_indicators,
        db.driver,
        q,
        limit=limit,
        cursor=cursor,
        cascade=cascade,
        agency=agency,
        period=period,
        database=db.name,
    )
    if wants_csv(request, format):
        return csv_response(
            indicator_rows(found.items), filename="indicators", next_url=next_page_url(request, found.next_cursor)
        )
    return found


@router.get("/{indicator_id}", response_model=IndicatorDetail, name="get_indicator", summary="One indicator")
async def get_indicator(db: DatabaseDep, indicator_id: IndicatorId, version: VersionQuery = None) -> IndicatorDetail:
    return await run_in_threadpool(indicators.get_indicator, db.driver, indicator_id, version=version, database=db.name)


@router.get(
    "/{indicator_id}/contributors",
    response_model=ContributorsAnswer,
    name="list_contributors",
    summary="Every indicator that rolls up into this one",
    responses={**PAGED, **CSV_CONTENT},
)
async def list_contributors(
    request: Request,
    db: DatabaseDep,
    indicator_id: IndicatorId,
    tier: Annotated[Tier | None, Query(description="Only indicators owned at this tier (staff = JAFUNG/STAF).")] = None,
    kind: Kind = None,
    level: Level = None,
    depth: Depth = 10,
    limit: Limit = 100,
    cursor: Cursor = None,
    agency: AgencyQuery = None,
    period: PeriodQuery = None,
    version: VersionQuery = None,
    format: FormatQuery = None,
) -> ContributorsAnswer | Response:
    answer = await run_in_threadpool(
        rollups.contributors,
        db.driver,
        indicator_id,
        depth=depth,
        tier=tier,
        kind=kind or level,
        limit=limit,
        cursor=cursor,
        agency=agency,
        period=period,
        version=version,
        database=db.name,
    )
    if wants_csv(request, format):
        return csv_response(
            contributor_rows(answer.items),
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
async def list_contributes_to(
    db: DatabaseDep, indicator_id: IndicatorId, depth: Depth = 10, version: VersionQuery = None
) -> ContributesToAnswer:
    return await run_in_threadpool(
        rollups.contributes_to, db.driver, indicator_id, depth=depth, version=version, database=db.name
    )
