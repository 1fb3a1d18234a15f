"""The API's documentation page, `/docs` (Swagger UI), with every file it needs served from here.

FastAPI's own `/docs` and `/redoc` load their scripts from a CDN: blank on a closed network, and
impossible under a policy that allows only this server. These are the same Swagger UI, installed
with Lineage (api/static/README.md says from where, and under which licence).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parent.parent / "static"
#: The only files served, by name.
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-init.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
}
#: The files change only with Lineage's version; a day in the browser's cache is safe.
CACHE = {"Cache-Control": "public, max-age=86400"}

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} - API documentation</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="{root}/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui" data-openapi="{root}{openapi}"></div>
  <script src="{root}/docs/assets/swagger-ui-bundle.js"></script>
  <script src="{root}/docs/assets/swagger-init.js"></script>
</body>
</html>
"""


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    root = escape(request.scope.get("root_path", "").rstrip("/"))
    title = escape(request.app.title)
    return HTMLResponse(PAGE.format(title=title, root=root, openapi=escape(request.app.openapi_url or "")))


@router.get("/docs/assets/{name}")
def docs_asset(name: Literal["swagger-ui-bundle.js", "swagger-init.js", "swagger-ui.css"]) -> FileResponse:
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=CACHE)
