"""What a route's paging cursor is bound to, written one way for every route.

A cursor (lineage.paging) is signed over a question: the route and the parameters that choose
what it lists. A route names its question here, by its own path template (`/audit/orphans`) and
those parameters, so a cursor handed out by one route, or for other filters, is refused by
another; lists of choices count as sets (their order does not change the question).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute

from lineage.paging import question_key


def route_question(request: Request, **parameters: Any) -> str:
    """The question a cursor of this request's route is bound to (`lineage.paging.question_key`)."""
    route = request.scope.get("route")
    path = route.path if isinstance(route, APIRoute) else request.url.path
    return question_key(path, **{name: _as_set(value) for name, value in parameters.items()})


def _as_set(value: Any) -> Any:
    return sorted(value) if isinstance(value, list | tuple | set | frozenset) else value
