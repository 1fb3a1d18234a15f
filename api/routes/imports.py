"""POST /cascades: upload planning data (a cascade file, a Renstra or matrix sheet, CSV tables in
a .zip, a SQL dump) and load it; needs the write token.

Nothing is loaded when any row is invalid. Each cascade loads all or nothing, but an upload
holding several (a region's goals and its agencies) loads them one after another and cannot undo
the ones loaded before a failure (`lineage.importers.ImportIncomplete` says why): the error then
lists the cascades loaded and those not loaded, and sending the same file again completes it."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, Response, UploadFile, status
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from lineage.api.deps import DatabaseDep
from lineage.api.errors import problem
from lineage.api.scope import PERIOD_PATTERN
from lineage.api.write_access import WriteAccess
from lineage.importers import ImportIncomplete, ImportOptions, ImportRefused, ImportReport, import_source, load_imported
from lineage.loader import LoadInProgress

router = APIRouter(prefix="/cascades", tags=["cascades"])

#: The largest upload read (a Renstra workbook is a few hundred kilobytes; a big dump, megabytes).
MAX_UPLOAD = 50 * 1024 * 1024
#: The largest request body read (api/limits.py): the file and what the form's other fields and
#: multipart framing add to it (the mapping: 20,000 characters).
MAX_BODY = MAX_UPLOAD + 256 * 1024


@router.post(
    "",
    response_model=ImportReport,
    status_code=status.HTTP_201_CREATED,
    name="import_cascade",
    summary="Import and load a cascade file, a Renstra/matrix sheet (XLSX, CSV), CSV tables (.zip) or a SQL dump",
    dependencies=[WriteAccess],
    responses={
        401: {"description": "No or wrong Bearer token"},
        403: {"description": "The server takes no writes"},
        413: {"description": "`too_large`: the file is larger than the server reads (50 MB)"},
        422: {"description": "Invalid rows: nothing was loaded; the report names each one"},
        409: {
            "description": "Another load of one of its cascades is under way (`load_in_progress`: nothing loaded; "
            "`import_incomplete`: the cascades before it were loaded, listed in `loaded`)"
        },
        503: {
            "description": "Neo4j cannot be reached (`import_incomplete`: the cascades listed in `loaded` were loaded)"
        },
    },
)
def import_cascade(
    request: Request,
    db: DatabaseDep,
    file: Annotated[UploadFile, File(description="The file; its name's extension says how to read it.")],
    agency: Annotated[str | None, Form(max_length=200)] = None,
    region: Annotated[str | None, Form(max_length=200)] = None,
    period: Annotated[str | None, Form(max_length=20, pattern=PERIOD_PATTERN)] = None,
    version: Annotated[str | None, Form(max_length=100)] = None,
    cascade_id: Annotated[str | None, Form(max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] = None,
    mapping: Annotated[str | None, Form(max_length=20_000, description='JSON: {"header text": "field"}.')] = None,
    skip_invalid: Annotated[bool, Form(description="Load the valid rows; report the others.")] = False,
) -> ImportReport | Response:
    content = file.file.read(MAX_UPLOAD + 1)
    name = file.filename or "upload"
    if len(content) > MAX_UPLOAD:
        detail = f"{name}: larger than {MAX_UPLOAD // (1024 * 1024)} MB; load it with `lineage import` instead"
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, detail)
    try:
        headers = json.loads(mapping) if mapping else {}
        if not isinstance(headers, dict):
            raise ValueError("not an object")
    except ValueError as exc:
        raise ImportRefused(
            ImportReport(source=name, format="unknown", problems=[f"mapping: not a JSON object ({exc})"])
        ) from None
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
    try:
        load_imported(db.driver, imported, database=db.name)
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
