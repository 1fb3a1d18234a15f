"""Indicator figures: targets, realisations and achievement per year; entering realisations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from lineage import series
from lineage.answers import IndicatorSeries
from lineage.api.deps import DatabaseDep
from lineage.api.routes.indicators import IndicatorId
from lineage.api.scope import VersionQuery, load_for
from lineage.api.write_access import WriteAccess

router = APIRouter(prefix="/indicators", tags=["indicators"])

YearPath = Annotated[int, Path(ge=1900, le=2200, description="The year realised.")]


@router.get(
    "/{indicator_id}/series",
    response_model=IndicatorSeries,
    name="get_indicator_series",
    summary="Targets, realisations and achievement (capaian) per year, with the roll-up from contributors",
)
def get_indicator_series(db: DatabaseDep, indicator_id: IndicatorId, version: VersionQuery = None) -> IndicatorSeries:
    return series.indicator_series(db.driver, indicator_id, load=load_for(db, indicator_id, version), database=db.name)


@router.put(
    "/{indicator_id}/realisations/{year}",
    response_model=IndicatorSeries,
    name="put_realisation",
    summary="Record what was realised in a year (and/or its quarters); needs the write token",
    dependencies=[WriteAccess],
    responses={401: {"description": "No or wrong Bearer token"}, 403: {"description": "The server takes no writes"}},
)
def put_realisation(
    db: DatabaseDep, indicator_id: IndicatorId, year: YearPath, entry: series.RealisationInput
) -> IndicatorSeries:
    return series.record_realisation(db.driver, indicator_id, year, entry, database=db.name)
