"""Versions of a cascade, and what changed between two of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from lineage import diff, versions
from lineage.api.deps import DatabaseDep
from lineage.api.routes.cascades import CascadeId
from lineage.api.scope import RELOADING, VersionQuery

router = APIRouter(prefix="/cascades", tags=["versions"], responses=RELOADING)


@router.get(
    "/{cascade_id}/versions",
    response_model=versions.VersionList,
    name="list_cascade_versions",
    summary="The current version and the kept ones, newest first",
)
def list_cascade_versions(db: DatabaseDep, cascade_id: CascadeId) -> versions.VersionList:
    return versions.list_versions(db.driver, cascade_id, database=db.name)


@router.get(
    "/{cascade_id}/diff",
    response_model=diff.CascadeDiff,
    name="diff_cascade_versions",
    summary="Indicators added, removed, renamed, re-parented, and targets changed between two versions",
)
def diff_cascade_versions(
    db: DatabaseDep,
    cascade_id: CascadeId,
    against: Annotated[
        str, Query(min_length=1, max_length=100, description="The version to compare with (label or load id).")
    ],
    version: VersionQuery = None,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=diff.MAX_LIMIT,
            description="The most items each list shows; `counts` gives "
            "how many there are, `truncated` says when a list is cut.",
        ),
    ] = diff.DEFAULT_LIMIT,
) -> diff.CascadeDiff:
    return diff.diff_versions(db.driver, cascade_id, against, version, limit=limit, database=db.name)
