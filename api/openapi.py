"""The OpenAPI document lists every error status each route can answer, with the problem schema
(api/errors.py) and an example, derived from the route itself so that a new route gets them
without copying: any parameter or body can be invalid (422), a path names something that may not
exist (404), a `cursor` may be stale or forged (400), a route that reads Neo4j may find it down
(503), a route that takes a token may be refused (401, 403), a body may be too large (413), and
any route can fail (500).

What only a route knows (409 on a load under way, 413 on a large upload) it declares in its own
`responses=`; those statuses are given the problem schema here too, with the route's description.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from starlette.routing import BaseRoute

from lineage.api.deps import get_database
from lineage.api.errors import PROBLEM_JSON, Problem, status_phrase


@dataclass(frozen=True)
class StatusDoc:
    """How a status is documented when the route says nothing more."""

    description: str
    #: The example's code and sentence.
    error: str
    detail: str


GENERIC: dict[int, StatusDoc] = {
    400: StatusDoc(
        "`bad_cursor`: the cursor is not one this question gave out. `bad_request`: the body cannot be parsed.",
        "bad_cursor",
        "the cursor is not one this question gave out; start again without a cursor",
    ),
    401: StatusDoc(
        "`unauthenticated`, `bad_token`: no Bearer token, or not one the server knows.",
        "unauthenticated",
        "send the write token as `Authorization: Bearer <token>`",
    ),
    403: StatusDoc(
        "`writes_disabled` and other refusals of a known token.",
        "writes_disabled",
        "this server accepts no writes: start it with LINEAGE_WRITE_TOKEN set",
    ),
    404: StatusDoc("`not_found`: nothing has this id.", "not_found", "no indicator 'makassar-diskopukm:ik-x'"),
    409: StatusDoc(
        "`load_in_progress`: another load of the cascade is under way; try again.",
        "load_in_progress",
        "cascade 'makassar-diskopukm' is being loaded by another process; try again when it is done",
    ),
    413: StatusDoc(
        "`too_large`: the request is larger than the server reads.",
        "too_large",
        "the request is larger than the server reads",
    ),
    422: StatusDoc(
        "`invalid_request`: a parameter or the body is invalid; `errors` names each part.",
        "invalid_request",
        "1 invalid part(s) of the request: query.limit: Input should be less than or equal to 500",
    ),
    500: StatusDoc(
        "`internal`: the server failed; the failure is logged. Not the caller's fault.",
        "internal",
        "the server failed on this request (KeyError); it has been logged",
    ),
    503: StatusDoc(
        "`neo4j_unavailable`, `neo4j_auth`: Neo4j cannot be reached; try again later.",
        "neo4j_unavailable",
        "Neo4j cannot be reached; try again later",
    ),
}
OTHER = StatusDoc("An error.", "error", "the request failed")


def document_errors(app: FastAPI) -> None:
    """Make `app.openapi()` add each route's error answers to the document FastAPI builds."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            add_error_answers(build(), app.routes)
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend it


def add_error_answers(document: dict[str, Any], routes: Iterable[BaseRoute]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for context in iter_route_contexts(list(routes)):
        route = context.original_route
        if not isinstance(route, APIRoute) or not context.include_in_schema:
            continue
        for method in context.methods or ():
            operation = document["paths"][context.path_format][method.lower()]
            _document(route, context, operation)
    _no_null_in_forms(schemas)
    if not _mentions(document["paths"], "HTTPValidationError"):
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)


def statuses_of(route: APIRoute, operation: dict[str, Any]) -> set[int]:
    """The error statuses `route` can answer: derived from its parameters and dependencies, and
    any it declares itself."""
    parts = list(dependants(route.dependant))
    found = {500, 422}  # 422 on every path: a query parameter it does not read (lineage.api.parameters)
    if any(d.path_params for d in parts):
        found.add(404)
    if any(param.alias == "cursor" for d in parts for param in d.query_params) or route.body_field:
        found.add(400)  # a stale or forged cursor; a body that cannot be parsed
    if route.body_field:
        found.add(413)  # every body is bounded (api/limits.py)
    if any(d.call is get_database for d in parts):
        found.add(503)
    if operation.get("security"):
        found |= {401, 403}
    found |= {int(status) for status in operation.get("responses", {}) if status.isdigit() and int(status) >= 400}
    return found


def dependants(dependant: Dependant) -> Iterator[Dependant]:
    """The route's own parameters and those of every dependency, however deep."""
    yield dependant
    for sub in dependant.dependencies:
        yield from dependants(sub)


def _document(route: APIRoute, context: RouteContext, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    for status in sorted(statuses_of(route, operation)):
        declared = route.responses.get(status, {}).get("description") or route.responses.get(str(status), {}).get(
            "description"
        )
        doc = GENERIC.get(status, OTHER)
        responses[str(status)] = {
            "description": declared or doc.description,
            "content": {
                PROBLEM_JSON: {
                    "schema": {"$ref": "#/components/schemas/Problem"},
                    "example": _example(status, doc, context.path_format or route.path_format),
                }
            },
        }


def _example(status: int, doc: StatusDoc, path: str) -> dict[str, Any]:
    example: dict[str, Any] = {
        "type": "about:blank",
        "title": status_phrase(status),
        "status": status,
        "error": doc.error,
        "detail": doc.detail,
        "instance": path,
    }
    if status == 422:
        example["errors"] = [
            {"loc": ["query", "limit"], "msg": "Input should be less than or equal to 500", "type": "less_than_equal"}
        ]
    return example


def _no_null_in_forms(schemas: dict[str, Any]) -> None:
    """A form field cannot be null: it is sent or left out. FastAPI documents an optional form
    field as `string or null`, which invites clients (and fuzzers) to send the text "null"."""
    for name, schema in schemas.items():
        if not name.startswith("Body_"):  # FastAPI's name for a form or multipart body
            continue
        for field in schema.get("properties", {}).values():
            choices = field.get("anyOf")
            if choices and {"type": "null"} in choices:
                kept = [choice for choice in choices if choice != {"type": "null"}]
                field.pop("anyOf")
                field.update(kept[0] if len(kept) == 1 else {"anyOf": kept})


def _mentions(tree: Any, name: str) -> bool:
    if isinstance(tree, dict):
        return any(_mentions(value, name) for value in tree.values())
    if isinstance(tree, list):
        return any(_mentions(value, name) for value in tree)
    return isinstance(tree, str) and tree.endswith(f"/{name}")
