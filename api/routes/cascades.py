"""Cascades: which are loaded, and their boxes (elements with their indicators), paged."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import StringConstraints

from lineage import cascades
from lineage.answers import CascadePage, CascadeSummary, ElementPage
from lineage.api.deps import DatabaseDep
from lineage.api.routes.indicators import Cursor, Limit
from lineage.api.scope import PAGED, RELOADING, AgencyQuery, PeriodQuery, VersionQuery
from lineage.cascade.model import ElementKind

router = APIRouter(prefix="/cascades", tags=["cascades"], responses=RELOADING)

CascadeId = Annotated[str, Path(max_length=100, description="Cascade id", examples=["makassar-diskopukm"])]


@router.get("", response_model=CascadePage, name="list_cascades", summary="Cascades loaded", responses=PAGED)
def list_cascades(
    db: DatabaseDep,
    limit: Limit = 50,
    cursor: Cursor = None,
    agency: AgencyQuery = None,
    region: Annotated[str | None, Query(max_length=200, description="Only this region's cascades.")] = None,
    period: PeriodQuery = None,
) -> CascadePage:
    return cascades.list_cascades(
        db.driver, limit=limit, cursor=cursor, agency=agency, region=region, period=period, database=db.name
    )


@router.get("/{cascade_id}", response_model=CascadeSummary, name="get_cascade", summary="One cascade")
def get_cascade(db: DatabaseDep, cascade_id: CascadeId) -> CascadeSummary:
    return cascades.get_cascade(db.driver, cascade_id, database=db.name)


@router.get(
    "/{cascade_id}/elements",
    response_model=ElementPage,
    name="list_cascade_elements",
    responses=PAGED,
    summary="The boxes of a cascade (elements with their indicators) in reading order, or the children of some",
)
def list_cascade_elements(
    db: DatabaseDep,
    cascade_id: CascadeId,
    kind: Annotated[ElementKind | None, Query(description="Only elements of this level.")] = None,
    parents: Annotated[
        list[Annotated[str, StringConstraints(max_length=200)]] | None,
        Query(
            alias="parent",
            max_length=500,
            description="Only the children of these elements of this cascade (repeat `parent=`).",
        ),
    ] = None,
    roots: Annotated[bool, Query(description="Only elements that contribute to no element of this cascade.")] = False,
    limit: Limit = 200,
    cursor: Cursor = None,
    version: VersionQuery = None,
) -> ElementPage:
    return cascades.cascade_elements(
        db.driver,
        cascade_id,
        kind=kind,
        parents=parents,
        roots=roots,
        limit=limit,
        cursor=cursor,
        version=version,
        database=db.name,
    )
