"""Turn failures into JSON a reporting tool can act on, never a stack trace.

Every error body is `{"error": <code>, "detail": <sentence>}`; a 503 means "try again later".
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from lineage.api.write_access import WriteRefused
from lineage.audit.database import UnknownCascade
from lineage.cascade.model import BadPeriod
from lineage.importers import ImportRefused
from lineage.lifecycle import LoadGone
from lineage.loader import LoadInProgress
from lineage.queries import Ambiguous, BadCursor, NotFound
from lineage.render import GraphvizMissing, RenderFailed, TooBig


def _body(status: int, error: str, detail: str, **extra) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": error, "detail": detail, **extra})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        """Whatever nothing else caught: still JSON for the caller; the traceback goes to the log
        (Starlette re-raises the exception after this answer so the server records it)."""
        return _body(500, "internal", f"the server failed on this request ({type(exc).__name__}); it has been logged")

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def neo4j_unavailable(request: Request, exc: Exception) -> JSONResponse:
        return _body(503, "neo4j_unavailable", f"Neo4j cannot be reached: {exc}")

    @app.exception_handler(AuthError)
    async def neo4j_auth(request: Request, exc: AuthError) -> JSONResponse:
        return _body(503, "neo4j_auth", "Neo4j refused Lineage's credentials; check NEO4J_USER/NEO4J_PASSWORD")

    @app.exception_handler(Ambiguous)
    async def ambiguous(request: Request, exc: Ambiguous) -> JSONResponse:
        return _body(409, "ambiguous", str(exc), candidates=[c.model_dump(mode="json") for c in exc.candidates])

    @app.exception_handler(WriteRefused)
    async def write_refused(request: Request, exc: WriteRefused) -> JSONResponse:
        response = _body(exc.status, exc.error, exc.detail)
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(ImportRefused)
    async def import_refused(request: Request, exc: ImportRefused) -> JSONResponse:
        detail = f"{len(exc.report.problems)} problem(s) in {exc.report.source}; nothing was loaded"
        return _body(422, "import_refused", detail, report=exc.report.model_dump(mode="json"))

    for exception, answer in _PLAIN_ANSWERS.items():
        app.add_exception_handler(exception, _plain_handler(*answer))


#: Failures whose answer is the exception's own message, with a hint on what to do next.
_PLAIN_ANSWERS: dict[type[Exception], tuple[int, str, str]] = {
    NotFound: (404, "not_found", "; find ids with GET /indicators?q=..."),
    UnknownCascade: (404, "not_found", "; GET /audit without `cascade` audits every loaded cascade"),
    BadCursor: (400, "bad_cursor", "; start again without a cursor"),
    BadPeriod: (422, "bad_period", ""),
    LoadInProgress: (409, "load_in_progress", ""),
    LoadGone: (409, "load_gone", "; ask again"),
    TooBig: (422, "too_big_to_draw", ""),
    GraphvizMissing: (503, "graphviz_missing", ""),
    RenderFailed: (500, "render_failed", ""),
}


def _plain_handler(status: int, error: str, hint: str):
    async def handler(request: Request, exc: Exception) -> JSONResponse:
        return _body(status, error, f"{exc}{hint}")

    return handler
