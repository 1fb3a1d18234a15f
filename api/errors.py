"""Turn failures into JSON a reporting tool can act on, never a stack trace.

Every error body is `{"error": <code>, "detail": <sentence>}`; a 503 means "try again later".
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from api.write_access import WriteRefused
from lineage.audit.database import UnknownCascade
from lineage.importers import ImportRefused
from lineage.cascade.model import BadPeriod
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

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> JSONResponse:
        return _body(404, "not_found", f"{exc}; find ids with GET /indicators?q=...")

    @app.exception_handler(Ambiguous)
    async def ambiguous(request: Request, exc: Ambiguous) -> JSONResponse:
        return _body(409, "ambiguous", str(exc), candidates=[c.model_dump(mode="json") for c in exc.candidates])

    @app.exception_handler(BadCursor)
    async def bad_cursor(request: Request, exc: BadCursor) -> JSONResponse:
        return _body(400, "bad_cursor", f"{exc}; start again without a cursor")

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

    @app.exception_handler(BadPeriod)
    async def bad_period(request: Request, exc: BadPeriod) -> JSONResponse:
        return _body(422, "bad_period", str(exc))

    @app.exception_handler(LoadInProgress)
    async def load_in_progress(request: Request, exc: LoadInProgress) -> JSONResponse:
        return _body(409, "load_in_progress", str(exc))

    @app.exception_handler(TooBig)
    async def too_big(request: Request, exc: TooBig) -> JSONResponse:
        return _body(422, "too_big_to_draw", str(exc))

    @app.exception_handler(GraphvizMissing)
    async def graphviz_missing(request: Request, exc: GraphvizMissing) -> JSONResponse:
        return _body(503, "graphviz_missing", str(exc))

    @app.exception_handler(RenderFailed)
    async def render_failed(request: Request, exc: RenderFailed) -> JSONResponse:
        return _body(500, "render_failed", str(exc))

    @app.exception_handler(UnknownCascade)
    async def unknown_cascade(request: Request, exc: UnknownCascade) -> JSONResponse:
        return _body(404, "not_found", f"{exc}; GET /audit without `cascade` audits every loaded cascade")
