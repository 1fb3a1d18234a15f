"""Turn every failure into one JSON shape a reporting tool can act on, never a stack trace.

Every error body, from a route or from the framework itself (unknown path, wrong method, invalid
parameters), is an RFC 9457 problem (`application/problem+json`) that also carries the members
clients read since the first version: `error`, a short stable code, and `detail`, a sentence.

    {"type": "about:blank", "title": "Not Found", "status": 404, "error": "not_found",
     "detail": "no indicator 'x'; find ids with GET /indicators?q=...", "instance": "/indicators/x"}

Why `about:blank`: Lineage publishes no problem-type documents; the code in `error` (listed in
docs/api.md) is what a client branches on, and `title` is the status phrase, as RFC 9457 asks then.
Why nothing is echoed whole: an error must stay small and safe to log whatever was sent, so
strings taken from the request are cut (`clip`) and invalid inputs are shown only when short.
"""

from __future__ import annotations

import http
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from lineage.api.write_access import WriteRefused
from lineage.audit.database import UnknownCascade
from lineage.cascade.model import BadPeriod
from lineage.errors import Ambiguous, BadCursor, CursorExpired, NotFound, ReloadRace
from lineage.importers import ImportRefused
from lineage.lifecycle import LoadGone
from lineage.loader import LoadInProgress, WouldShrink
from lineage.render import GraphvizMissing, RenderFailed, TooBig

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
#: The longest `detail` sent; a message quoting a long input is cut there.
MAX_DETAIL = 500
#: The longest invalid input shown back in a 422 (longer ones are described, not echoed).
MAX_ECHO = 100
#: The longest request path given back as `instance`.
MAX_INSTANCE = 200


class FieldProblem(BaseModel):
    """One invalid part of a request, in the terms of FastAPI's own validation errors."""

    loc: list[str | int] = Field(description='Where: `["query", "depth"]`, `["path", "year"]`, `["body", "value"]`.')
    msg: str = Field(description="What is wrong with it.")
    type: str = Field(description="pydantic's error type, e.g. `less_than_equal`, `missing`.")
    input: str | int | float | bool | None = Field(
        default=None, description=f"The value sent, only when short ({MAX_ECHO} characters at most) and plain."
    )


class Problem(BaseModel):
    """Every error body (RFC 9457 problem details, plus `error`). Some errors add members:
    `errors` (422 `invalid_request`), `candidates` (409 `ambiguous`), `report` (422
    `import_refused`), `loaded`/`not_loaded` (`import_incomplete`)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field("about:blank", description="Always `about:blank`: `error` says what went wrong.")
    title: str = Field(description="The HTTP status phrase, e.g. `Not Found`.")
    status: int = Field(description="The HTTP status of the answer.")
    error: str = Field(description="A short stable code to branch on, e.g. `not_found`, `invalid_request`.")
    detail: str = Field(description="One sentence for a person: what went wrong and what to do.")
    instance: str | None = Field(None, description="The path asked for (omitted when very long).")
    errors: list[FieldProblem] | None = Field(None, description="For `invalid_request`: each invalid part.")


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON


@dataclass(frozen=True)
class Answer:
    """How one kind of failure is answered."""

    status: int
    error: str
    #: Appended to the exception's message: what to do next.
    hint: str = ""
    #: The sentence instead of the exception's message (fixed, or made from the exception), when
    #: that message is not the caller's business (it names internal hosts) or is too long for a
    #: sentence; the exception itself then goes to the log.
    detail: str | Callable[[Any], str] | None = None
    #: Extension members taken from the exception.
    members: Callable[[Any], dict[str, Any]] | None = None


#: THE table: each failure a route may raise, and its answer. One row per exception class; an
#: exception that carries `status` and `error` attributes of its own (WriteRefused) answers with
#: those. Each row's code is listed in docs/api.md.
ERRORS: dict[type[Exception], Answer] = {
    NotFound: Answer(404, "not_found", "; find ids with GET /indicators?q=..."),
    UnknownCascade: Answer(404, "not_found", "; GET /audit without `cascade` audits every loaded cascade"),
    BadCursor: Answer(400, "bad_cursor", "; start again without a cursor"),
    CursorExpired: Answer(409, "cursor_expired"),
    ReloadRace: Answer(503, "reloading"),
    BadPeriod: Answer(422, "bad_period"),
    Ambiguous: Answer(
        409, "ambiguous", members=lambda exc: {"candidates": [c.model_dump(mode="json") for c in exc.candidates]}
    ),
    WriteRefused: Answer(401, "unauthenticated"),
    ImportRefused: Answer(
        422,
        "import_refused",
        detail=lambda exc: f"{len(exc.report.problems)} problem(s) in {exc.report.source}; nothing was loaded",
        members=lambda exc: {"report": exc.report.model_dump(mode="json")},
    ),
    LoadInProgress: Answer(409, "load_in_progress"),
    LoadGone: Answer(409, "load_gone", "; ask again"),
    WouldShrink: Answer(409, "would_shrink", members=lambda exc: {"cascade": exc.cascade, "removed": exc.removed}),
    TooBig: Answer(422, "too_big_to_draw"),
    GraphvizMissing: Answer(503, "graphviz_missing"),
    RenderFailed: Answer(500, "render_failed"),
    ServiceUnavailable: Answer(503, "neo4j_unavailable", detail="Neo4j cannot be reached; try again later"),
    SessionExpired: Answer(503, "neo4j_unavailable", detail="Neo4j cannot be reached; try again later"),
    AuthError: Answer(
        503, "neo4j_auth", detail="Neo4j refused Lineage's credentials; check NEO4J_USER/NEO4J_PASSWORD on the server"
    ),
}

#: Codes of the framework's own refusals, by status (anything else: the status phrase in snake_case).
FRAMEWORK_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
}


def clip(text: str, limit: int = MAX_DETAIL) -> str:
    """`text`, cut to `limit` characters with a note of how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters not shown)"


def problem(
    request: Request | None,
    status: int,
    error: str,
    detail: str,
    headers: Mapping[str, str] | None = None,
    **members: Any,
) -> ProblemResponse:
    """The one way an error answer is made."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": status_phrase(status),
        "status": status,
        "error": error,
        "detail": clip(detail),
    }
    instance = _instance(request)
    if instance is not None:
        body["instance"] = instance
    body.update(members)
    answer = ProblemResponse(status_code=status, content=body, headers=dict(headers or {}))
    if status == 401:
        answer.headers["WWW-Authenticate"] = "Bearer"
    return answer


def _instance(request: Request | None) -> str | None:
    """The path as sent, still percent-encoded (a URI reference: `/ui/%00.js`, not a NUL), if short."""
    if request is None:
        return None
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) else request.url.path
    return path if len(path) <= MAX_INSTANCE and path.isprintable() else None


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Exception, _unexpected)
    app.add_exception_handler(StarletteHTTPException, _framework_refusal)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    for exception in ERRORS:
        app.add_exception_handler(exception, _from_table)


async def _from_table(request: Request, exc: Exception) -> ProblemResponse:
    answer = next(ERRORS[kind] for kind in type(exc).__mro__ if kind in ERRORS)
    status, error = answer.status, answer.error
    if isinstance(getattr(exc, "status", None), int) and isinstance(getattr(exc, "error", None), str):
        status, error = exc.status, exc.error  # type: ignore[attr-defined]
    if answer.detail is None:
        detail = f"{exc}{answer.hint}"
    else:
        if status >= 500:
            log.warning("%s %s answered %s %s: %r", request.method, clip(request.url.path, 200), status, error, exc)
        detail = answer.detail if isinstance(answer.detail, str) else answer.detail(exc)
    members = answer.members(exc) if answer.members else {}
    return problem(request, status, error, detail, **members)


async def _unexpected(request: Request, exc: Exception) -> ProblemResponse:
    """Whatever nothing else caught: still a problem for the caller; the traceback goes to the log
    (Starlette re-raises the exception after this answer so the server records it)."""
    detail = f"the server failed on this request ({type(exc).__name__}); it has been logged"
    return problem(request, 500, "internal", detail)


async def _framework_refusal(request: Request, exc: Exception) -> ProblemResponse:
    """Refusals by the framework or `HTTPException`: unknown path, wrong method, body too large."""
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    error = FRAMEWORK_CODES.get(status) or status_phrase(status).lower().replace(" ", "_").replace("-", "_")
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != status_phrase(status) else ""
    headers = dict(exc.headers or {})
    if status == 404 and not detail:
        detail = "no such path; the API's paths are listed at /docs"
    elif status == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
        detail = detail or f"{request.method} is not allowed here; allowed: {headers['Allow'] or 'none'}"
    return problem(request, status, error, detail or status_phrase(status), headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path. Starlette's own `Allow` names only the first
    route whose path matches, and `/cascades` has two: GET (list) and POST (upload)."""
    methods: set[str] = set()
    for context in iter_route_contexts(request.app.routes):
        path = context.path_format
        if path and context.methods and compile_path(path)[0].match(request.url.path):
            methods |= context.methods
    return sorted(methods)


async def _invalid_request(request: Request, exc: Exception) -> ProblemResponse:
    """A 422 that always renders and never repeats a large input: each invalid part by place,
    reason and (when short) the value sent."""
    assert isinstance(exc, RequestValidationError)
    errors = [_field_problem(error) for error in exc.errors()]
    where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors[:5])
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    detail = f"{len(errors)} invalid part(s) of the request: {where}{more}"
    return problem(request, 422, "invalid_request", detail, errors=errors[:50])


def _field_problem(error: Mapping[str, Any]) -> dict[str, Any]:
    # at most 20 steps deep, each at most 60 characters: a place, not a copy of the input
    loc = [part if isinstance(part, int) else clip(str(part), 60) for part in list(error.get("loc", ()))[:20]]
    shown: dict[str, Any] = {"loc": loc, "msg": clip(str(error.get("msg", "")), 200), "type": str(error.get("type"))}
    value = error.get("input")
    if _short_and_plain(value):
        shown["input"] = value
    elif isinstance(value, str | bytes | Sequence | Mapping):
        shown["msg"] += f" (the value sent, {len(value)} long, is not repeated)"
    return shown


def _short_and_plain(value: Any) -> bool:
    """Safe to send back: JSON-representable and short (NaN and infinities are not JSON)."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return value.bit_length() <= 64
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str) and len(value) <= MAX_ECHO


def status_phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Error"
