"""POST /cascades: upload planning data (a cascade file, a Renstra or matrix sheet, CSV tables in
a .zip, a SQL dump) and load it, all or nothing; needs the write token."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile, status

from api.deps import DatabaseDep
from api.write_access import WriteAccess
from lineage.importers import ImportOptions, ImportRefused, ImportReport, import_source, load_imported

router = APIRouter(prefix="/cascades", tags=["cascades"])

#: The largest upload read (a Renstra workbook is a few hundred kilobytes; a big dump, megabytes).
MAX_UPLOAD = 50 * 1024 * 1024


@router.post(
    "",
    response_model=ImportReport,
    status_code=status.HTTP_201_CREATED,
    name="import_cascade",
    summary="Import and load a cascade file, a Renstra/matrix sheet (XLSX, CSV), CSV tables (.zip) or a SQL dump",
    dependencies=[WriteAccess],
    responses={
        401: {"description": "No or wrong Bearer token"}, 403: {"description": "The server takes no writes"},
        413: {"description": "The file is larger than the server reads"},
        422: {"description": "Invalid rows: nothing was loaded; the report names each one"},
    },
)
def import_cascade(
    db: DatabaseDep,
    file: Annotated[UploadFile, File(description="The file; its name's extension says how to read it.")],
    agency: Annotated[str | None, Form(max_length=200)] = None,
    region: Annotated[str | None, Form(max_length=200)] = None,
    period: Annotated[str | None, Form(max_length=20, pattern=r"^\s*\d{4}(\s*[-–/]\s*\d{4})?\s*$")] = None,
    version: Annotated[str | None, Form(max_length=100)] = None,
    cascade_id: Annotated[str | None, Form(max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] = None,
    mapping: Annotated[str | None, Form(max_length=20_000, description='JSON: {"header text": "field"}.')] = None,
    skip_invalid: Annotated[bool, Form(description="Load the valid rows; report the others.")] = False,
) -> ImportReport:
    content = file.file.read(MAX_UPLOAD + 1)
    name = file.filename or "upload"
    if len(content) > MAX_UPLOAD:
        raise ImportRefused(ImportReport(source=name, format="unknown", problems=[
            f"{name}: larger than {MAX_UPLOAD // (1024 * 1024)} MB; load it with `lineage import` instead"]))
    try:
        headers = json.loads(mapping) if mapping else {}
        if not isinstance(headers, dict):
            raise ValueError("not an object")
    except ValueError as exc:
        raise ImportRefused(ImportReport(source=name, format="unknown", problems=[f"mapping: not a JSON object ({exc})"])) from None
    options = ImportOptions(cascade_id=cascade_id, agency=agency, region=region, period=period, version=version,
                            mapping=headers, skip_invalid=skip_invalid)
    imported = import_source(name, content, options)
    load_imported(db.driver, imported, database=db.name)
    return imported.report
