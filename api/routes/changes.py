"""GET /changes: the change log, every write (load, import, delete, realisation) with who made it.

Open like every read: the log names tokens (never their secrets) and users, so auditors and the
agencies themselves can see who changed what."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BeforeValidator

from lineage.api.cursors import route_question
from lineage.api.deps import DatabaseDep
from lineage.changes import ChangePage, list_changes
from lineage.errors import BadCursor
from lineage.paging import make_cursor, open_cursor

router = APIRouter(prefix="/changes", tags=["changes"])

_ISO_8601 = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?", re.IGNORECASE)
#: A change's time as Neo4j writes it (the cursor carries the last one of a page).
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})")


def _iso_8601(value: object) -> object:
    """A time written as ISO 8601 only: pydantic alone would also read a number as a Unix time."""
    if isinstance(value, str) and not _ISO_8601.fullmatch(value):
        raise ValueError("write the time as ISO 8601, e.g. 2026-01-31T08:00:00Z")
    return value


@router.get(
    "",
    response_model=ChangePage,
    name="list_changes",
    summary="Every write (load, import, delete, realisation), oldest first: who, when, what",
    responses={400: {"description": "A cursor this server did not hand out (`bad_cursor`)"}},
)
def get_changes(
    request: Request,
    db: DatabaseDep,
    cascade: Annotated[str | None, Query(max_length=100, description="Only this cascade's changes.")] = None,
    since: Annotated[
        datetime | None,
        BeforeValidator(_iso_8601),
        Query(description="Only changes at or after this time (ISO 8601, e.g. 2026-01-31T08:00:00Z)."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Items per page.")] = 100,
    cursor: Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page.")] = None,
) -> ChangePage:
    after = None
    question = route_question(request, cascade=cascade, since=since.isoformat() if since else None)
    if cursor:
        payload = open_cursor(question, cursor)
        at, change = payload.get("at"), payload.get("id")
        if not (isinstance(at, str) and _INSTANT.fullmatch(at) and isinstance(change, str) and len(change) <= 64):
            raise BadCursor("the cursor is not one this server handed out")
        after = (at, change)
    items, more = list_changes(db.driver, cascade=cascade, since=since, limit=limit, after=after, database=db.name)
    return ChangePage(items=items, next_cursor=make_cursor(question, {"at": more[0], "id": more[1]}) if more else None)
