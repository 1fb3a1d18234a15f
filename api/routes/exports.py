"""Exports people hand in: the matriks cascading and the Renstra table as XLSX, the audit report as
PDF (or HTML, Markdown). The diagrams' PDF is `GET .../diagram?format=pdf` (api/routes/render.py);
CSV of list answers is `format=csv` on those answers (api/negotiation.py)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from lineage import cascades
from lineage.api.deps import DatabaseDep
from lineage.api.negotiation import LangDep
from lineage.api.routes.audit import CascadeId as AuditCascade
from lineage.api.routes.audit import cached_findings
from lineage.api.routes.cascades import CascadeId
from lineage.api.scope import VersionQuery, load_for
from lineage.audit.database import loaded_cascades
from lineage.audit.findings import AuditReport, CascadeAudited
from lineage.audit.formats import render as render_audit
from lineage.cascade.model import Cascade
from lineage.export.loaded import read_loaded
from lineage.export.matrix import limits, matrix_workbook
from lineage.export.pdf import Heading, audit_pdf

router = APIRouter(tags=["exports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AUDIT_MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8"}


def _download(
    content: bytes | str, media_type: str, filename: str, lang: str, notes: list[str] | None = None
) -> Response:
    """The file as a download; `notes` (what the file cannot hold) in `X-Lineage-Notes`, a JSON
    list written in ASCII (a header carries no other text safely)."""
    headers = {
        "Content-Disposition": f'attachment; filename="{re.sub(r"[^A-Za-z0-9._-]", "-", filename)}"',
        "Content-Language": lang,
    }
    if notes:
        headers["X-Lineage-Notes"] = json.dumps(notes, ensure_ascii=True)
    return Response(content=content, media_type=media_type, headers=headers)


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def context_of(db: DatabaseDep, cascade: Cascade) -> list[Cascade]:
    """The loaded cascades whose elements the top boxes of `cascade` serve (the region's RPJMD)."""
    others = {e.external_parent.split(":", 1)[0] for e in cascade.elements if e.external_parent}
    loaded = {c.id for c in loaded_cascades(db.driver, database=db.name)}
    return [read_loaded(db.driver, other, database=db.name) for other in sorted(others & loaded)]


@router.get(
    "/cascades/{cascade_id}/export",
    name="export_cascade",
    summary="The cascade as the matriks cascading or the Renstra table (XLSX)",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "The workbook, one sheet."}},
)
def export_cascade(
    db: DatabaseDep,
    lang: LangDep,
    cascade_id: CascadeId,
    layout: Annotated[
        Literal["matrix", "renstra"],
        Query(description="matrix: the matriks cascading; renstra: table T-C.27 (needs codes)."),
    ] = "matrix",
    version: VersionQuery = None,
) -> Response:
    cascade = read_loaded(db.driver, cascade_id, load=load_for(db, cascade_id, version), database=db.name)
    content = matrix_workbook([cascade], context=context_of(db, cascade), lang=lang, printed=_today(), layout=layout)
    notes = limits(cascade, layout)
    return _download(content, XLSX, f"{cascade_id}-{layout}.xlsx", lang.value, notes)


@router.get(
    "/audit/report",
    name="audit_report",
    summary="The audit report to print: PDF (A4 landscape), HTML or Markdown",
    response_class=Response,
    responses={
        200: {"content": {media: {} for media in AUDIT_MEDIA.values()}, "description": "The report."},
        404: {"description": "`not_found`: no loaded cascade has the id given as `cascade`."},
    },
)
def audit_report(
    request: Request,
    db: DatabaseDep,
    lang: LangDep,
    cascade: AuditCascade = None,
    format: Annotated[Literal["pdf", "html", "md"], Query(description="pdf, html or md")] = "pdf",
) -> Response:
    findings = cached_findings(request, db, cascade)
    audited = [
        _counted(db, c) for c in loaded_cascades(db.driver, database=db.name) if cascade is None or c.id == cascade
    ]
    report = AuditReport(source="database", generated_at=datetime.now(UTC), cascades=audited, findings=findings)
    name = f"audit-{cascade or 'all'}.{format}"
    if format != "pdf":
        return _download(render_audit(report, format, lang), AUDIT_MEDIA[format], name, lang.value)
    return _download(audit_pdf(report, _heading(db, cascade), lang), AUDIT_MEDIA["pdf"], name, lang.value)


def _counted(db: DatabaseDep, audited: CascadeAudited) -> CascadeAudited:
    """`audited` with its elements and indicators counted (the list of loaded cascades leaves them 0,
    and a printed report must not say a cascade is empty)."""
    about = cascades.get_cascade(db.driver, audited.id, database=db.name)
    return audited.model_copy(update={"elements": sum(about.elements.values()), "indicators": about.indicators})


def _heading(db: DatabaseDep, cascade: str | None) -> Heading:
    if cascade is None:
        return Heading(printed=_today())
    about: Any = cascades.get_cascade(db.driver, cascade, database=db.name)
    return Heading(about.agency, about.region, about.period, about.version, _today())
