"""Indicator figures: targets, realisations and achievement per year; entering realisations and
listing their history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from lineage import series
from lineage.answers import IndicatorSeries
from lineage.api.deps import DatabaseDep
from lineage.api.routes.indicators import IndicatorId
from lineage.api.scope import VersionQuery, load_for
from lineage.api.write_access import Writer, actor, check_loaded_scope

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
    summary="Record what was realised in a year (and/or its quarters); needs a write token for its cascade",
    responses={
        401: {"description": "No or unknown Bearer token"},
        403: {"description": "The server takes no writes, or the token's scope does not cover this cascade"},
    },
)
def put_realisation(
    db: DatabaseDep, token: Writer, indicator_id: IndicatorId, year: YearPath, entry: series.RealisationInput
) -> IndicatorSeries:
    check_loaded_scope(token, db.driver, db.name, indicator_id.split(":", 1)[0])
    return series.record_realisation(db.driver, indicator_id, year, entry, actor=actor(token), database=db.name)


@router.get(
    "/{indicator_id}/realisations",
    response_model=series.RealisationHistory,
    name="list_realisations",
    summary="Every realisation entered for the indicator, newest first in each period, the answering one marked",
)
def list_realisations(
    db: DatabaseDep,
    indicator_id: IndicatorId,
    year: Annotated[int | None, Query(ge=1900, le=2200, description="Only this year.")] = None,
) -> series.RealisationHistory:
    return series.realisation_history(db.driver, indicator_id, year=year, database=db.name)
