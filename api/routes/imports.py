"""POST /cascades: upload planning data (a cascade file, a Renstra or matrix sheet, CSV tables in
a .zip, a SQL dump) and load it; DELETE /cascades/{id}: remove a cascade. Both need a write token
whose scope covers the cascades written (`lineage.api.write_access`), and are recorded in the
change log under the token's name.

Nothing is loaded when any row is invalid. Each cascade loads all or nothing, but an upload
holding several (a region's goals and its agencies) loads them one after another and cannot undo
the ones loaded before a failure (`lineage.importers.ImportIncomplete` says why): the error then
lists the cascades loaded and those not loaded, and sending the same file again completes it."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, Response, UploadFile, status
from fastapi.responses import JSONResponse
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from pydantic import BaseModel

from lineage.api.deps import DatabaseDep
from lineage.api.errors import problem
from lineage.api.scope import PERIOD_PATTERN
from lineage.api.write_access import Writer, actor, check_loaded_scope, check_scope
from lineage.changes import acting_as
from lineage.errors import NotFound
from lineage.importers import ImportIncomplete, ImportOptions, ImportRefused, ImportReport, import_source, load_imported
from lineage.limits import describe, limit
from lineage.loader import LoadInProgress, delete_cascade, refuse_shrinking
from lineage.plan import LoadPlan, plan_load
from lineage.settings import get_settings

router = APIRouter(prefix="/cascades", tags=["cascades"])


def max_body() -> int:
    """The largest request body read (api/limits.py): the upload's limit (LINEAGE_MAX_UPLOAD_BYTES,
    docs/limits.md) and what the form's other fields and multipart framing add to it (the
    mapping: 20,000 characters)."""
    return limit("LINEAGE_MAX_UPLOAD_BYTES") + 256 * 1024


class DryRun(BaseModel):
    """What an import would do: the file as read, and for each cascade what would change."""

    dry_run: bool = True
    report: ImportReport
    plans: list[LoadPlan]


@router.post(
    "",
    response_model=ImportReport,
    status_code=status.HTTP_201_CREATED,
    name="import_cascade",
    summary="Import and load a cascade file, a Renstra/matrix sheet (XLSX, CSV), CSV tables (.zip) or a SQL dump",
    responses={
        401: {"description": "No or unknown Bearer token"},
        403: {"description": "The server takes no writes, or a cascade of the file is outside the token's scope"},
        413: {
            "description": "`too_large`: the file is larger than the server reads (LINEAGE_MAX_UPLOAD_BYTES, 50 MiB unless set)"
        },
        422: {"description": "Invalid rows: nothing was loaded; the report names each one"},
        200: {"model": DryRun, "description": "`dry_run=true`: what the import would change; nothing was loaded"},
        409: {
            "description": "Another load of one of its cascades is under way (`load_in_progress`: nothing loaded; "
            "`import_incomplete`: the cascades before it were loaded, listed in `loaded`), or it would remove "
            "more than the allowed share of a cascade's indicators (`would_shrink`: nothing loaded; send "
            "`force=true` to load it anyway)"
        },
        503: {
            "description": "Neo4j cannot be reached (`import_incomplete`: the cascades listed in `loaded` were loaded)"
        },
    },
)
def import_cascade(
    request: Request,
    db: DatabaseDep,
    token: Writer,
    file: Annotated[UploadFile, File(description="The file; its name's extension says how to read it.")],
    agency: Annotated[str | None, Form(max_length=200)] = None,
    region: Annotated[str | None, Form(max_length=200)] = None,
    period: Annotated[str | None, Form(max_length=20, pattern=PERIOD_PATTERN)] = None,
    version: Annotated[str | None, Form(max_length=100)] = None,
    cascade_id: Annotated[str | None, Form(max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] = None,
    mapping: Annotated[str | None, Form(max_length=20_000, description='JSON: {"header text": "field"}.')] = None,
    skip_invalid: Annotated[bool, Form(description="Load the valid rows; report the others.")] = False,
    dry_run: Annotated[
        bool, Form(description="Load nothing: say what would be added, removed and changed in each cascade.")
    ] = False,
    force: Annotated[
        bool, Form(description="Load even a cascade that would lose more than the allowed share of its indicators.")
    ] = False,
) -> ImportReport | Response:
    most = limit("LINEAGE_MAX_UPLOAD_BYTES")
    content = file.file.read(most + 1)
    name = file.filename or "upload"
    if len(content) > most:
        detail = f"{name}: larger than Lineage reads, {describe('LINEAGE_MAX_UPLOAD_BYTES')}; load it with `lineage import` instead"
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, detail)
    try:
        headers = json.loads(mapping) if mapping else {}
    except ValueError as exc:
        raise ImportRefused(
            ImportReport(source=name, format="unknown", problems=[f"mapping: not JSON ({exc})"])
        ) from None
    if not isinstance(headers, dict) or not all(isinstance(field, str) for field in headers.values()):
        shape = 'not a JSON object of header (or column letter) -> field, e.g. {"Nilai 2025": "target:2025"}'
        raise ImportRefused(ImportReport(source=name, format="unknown", problems=[f"mapping: {shape}"]))
    options = ImportOptions(
        cascade_id=cascade_id,
        agency=agency,
        region=region,
        period=period,
        version=version,
        mapping=headers,
        skip_invalid=skip_invalid,
    )
    imported = import_source(name, content, options)
    for cascade in imported.cascades:  # all checked before anything is loaded
        check_scope(token, cascade.id, cascade.agency)
        check_loaded_scope(token, db.driver, db.name, cascade.id)
    if dry_run:
        plans = [plan_load(db.driver, cascade, database=db.name) for cascade in imported.cascades]
        return JSONResponse(DryRun(report=imported.report, plans=plans).model_dump(mode="json"))
    if not force:
        for cascade in imported.cascades:
            refuse_shrinking(db.driver, cascade, get_settings().max_removed_share, db.name)
    try:
        with acting_as(actor(token), "import"):
            load_imported(db.driver, imported, database=db.name, force=force)
    except ImportIncomplete as exc:
        return problem(
            request,
            _status_of(exc.cause),
            "import_incomplete",
            str(exc),
            loaded=exc.loaded,
            not_loaded=exc.not_loaded,
            report=exc.report.model_dump(mode="json"),
        )
    return imported.report


def _status_of(cause: Exception) -> int:
    """The status the failure would have on its own: try again later (409, 503), or a fault (500)."""
    if isinstance(cause, LoadInProgress):
        return status.HTTP_409_CONFLICT
    if isinstance(cause, (ServiceUnavailable, SessionExpired)):
        return status.HTTP_503_SERVICE_UNAVAILABLE
    return status.HTTP_500_INTERNAL_SERVER_ERROR


class Deleted(BaseModel):
    cascade: str
    realisations_kept: bool


@router.delete(
    "/{cascade_id}",
    response_model=Deleted,
    name="delete_cascade",
    summary="Remove a cascade, every version of it, and (unless kept) its entered realisations",
    responses={
        401: {"description": "No or unknown Bearer token"},
        403: {"description": "The server takes no writes, or the cascade is outside the token's scope"},
        404: {"description": "No such cascade"},
        409: {"description": "A load of the cascade is under way (`load_in_progress`)"},
    },
)
def delete(
    db: DatabaseDep,
    token: Writer,
    cascade_id: Annotated[str, Path(max_length=100)],
    keep_realisations: Annotated[
        bool, Query(description="Keep the realisations entered for it, for a cascade you will load again.")
    ] = False,
) -> Deleted:
    check_loaded_scope(token, db.driver, db.name, cascade_id)
    with acting_as(actor(token), "delete"):
        if not delete_cascade(db.driver, cascade_id, keep_realisations=keep_realisations, database=db.name):
            raise NotFound(f"no cascade has the id {cascade_id!r}; list them with GET /cascades")
    return Deleted(cascade=cascade_id, realisations_kept=keep_realisations)
