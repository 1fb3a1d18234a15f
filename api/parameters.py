"""A query parameter the path does not read, or a second value of one it reads once, is refused
(422 `invalid_request`), never ignored.

Why: FastAPI ignores a query parameter no route declares and takes the last value of one given
twice. A typo, or a parameter of another path, then changes nothing and says nothing, and the
answer, or the write, is not the one asked for: `PUT .../realisations/2022?version=awal` wrote to
the current version, `contributors?tier=staff&tier=walikota` answered for walikota alone, and
`GET /cascades?format=csv` answered JSON. What a path reads is what its route declares (the same
declaration its OpenAPI description is made from), worked out once per route. Paths outside the
OpenAPI description (the page, the docs) are left alone.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Annotated, Any, Union, get_args, get_origin

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from lineage.api.openapi import dependants

#: What each route reads, by its unique id (its name, path and methods; routes are not hashable):
#: (parameters read once, parameters read as lists).
_read: dict[str, tuple[frozenset[str], frozenset[str]]] = {}


async def refuse_unread_parameters(request: Request) -> None:
    """A dependency of every route: async, so that it runs on the event loop, not in a thread."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema or not request.query_params:
        return  # the page's own address carries its state (`/?cascade=...`), read by the page
    once, lists = _read.get(route.unique_id) or _read.setdefault(route.unique_id, _parameters_of(route))
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name, value in request.query_params.multi_items():
        if name not in once and name not in lists:
            reads = ", ".join(sorted(once | lists)) or "none"
            message = f"this path reads no parameter {name!r} (it reads: {reads})"
            errors.append({"type": "extra_forbidden", "loc": ("query", name), "msg": message, "input": value})
        elif name in once and name in seen:
            message = f"{name!r} is given more than once; this path reads one value"
            errors.append({"type": "repeated", "loc": ("query", name), "msg": message, "input": value})
        seen.add(name)
    if errors:
        raise RequestValidationError(errors)


def _parameters_of(route: APIRoute) -> tuple[frozenset[str], frozenset[str]]:
    fields = [field for part in dependants(route.dependant) for field in part.query_params]
    lists = frozenset(field.alias for field in fields if _is_list(field.field_info.annotation))
    return frozenset(field.alias for field in fields) - lists, lists


def _is_list(annotation: Any) -> bool:
    """Whether a parameter of this type takes several values (`list[str] | None`, say)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _is_list(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return any(_is_list(arg) for arg in get_args(annotation))
    return isinstance(origin, type) and issubclass(origin, (Sequence, set, frozenset)) and origin is not str
