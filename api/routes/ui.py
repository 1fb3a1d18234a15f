"""The browsable page (`/` and its files under `/ui/`), and the one question it needs that the
other routes do not answer: where nodes sit in the diagram (`/cascades/{id}/locate`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse
from pydantic import StringConstraints

from lineage import outline, web
from lineage.api.deps import DatabaseDep
from lineage.api.routes.cascades import CascadeId
from lineage.api.scope import RELOADING, VersionQuery
from lineage.paging import MAX_PAGE

router = APIRouter()

WEB = Path(web.__file__).resolve().parent
#: The only files served, by suffix: the page needs nothing else (no .py, no dot-files).
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
#: Served files change with the code; the browser must ask again each time (they are small; this
#: route answers them in full, never 304).
NO_CACHE = {"Cache-Control": "no-cache"}

NodeId = Annotated[str, StringConstraints(max_length=200)]


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(WEB / "index.html", media_type=MEDIA_TYPES[".html"], headers=NO_CACHE)


@router.get("/ui/{path:path}", include_in_schema=False)
def asset(path: str) -> FileResponse:
    file = _page_file(path)
    if file is None:
        raise HTTPException(status_code=404, detail="the page has no such file")
    return FileResponse(file, media_type=MEDIA_TYPES[file.suffix], headers=NO_CACHE)


def _page_file(path: str) -> Path | None:
    """The page's file at `path`, or None for anything else: outside the page's folder, another
    kind of file, or a name no file can have (a NUL byte, a control character, too long)."""
    if len(path) > 200 or not path.isprintable():
        return None
    try:
        file = (WEB / path).resolve()
        found = file.is_relative_to(WEB) and file.suffix in MEDIA_TYPES and file.is_file()
    except (OSError, ValueError):
        return None
    return file if found else None


@router.get(
    "/cascades/{cascade_id}/locate",
    response_model=outline.PlacementAnswer,
    name="locate_in_cascade",
    responses=RELOADING,
    summary="Where elements or indicators sit in the diagram: their box and the boxes above it",
    tags=["cascades"],
)
def locate_in_cascade(
    db: DatabaseDep,
    cascade_id: CascadeId,
    ids: Annotated[
        list[NodeId],
        Query(alias="id", min_length=1, max_length=MAX_PAGE, description="Element or indicator ids (repeat `id=`)."),
    ],
    version: VersionQuery = None,
) -> outline.PlacementAnswer:
    return outline.locate(db.driver, cascade_id, ids, version=version, database=db.name)
