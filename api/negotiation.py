"""What a request asks for besides its question: the language (`lang=` or `Accept-Language`) and,
on list answers, CSV instead of JSON (`format=csv` or `Accept: text/csv`).

Why both a parameter and a header: a browser link or a spreadsheet's "from web" import can only
set the address (`?format=csv&lang=en`), while a reporting tool sets headers as HTTP intends. The
parameter wins when both are given. The answer says what it chose (`Content-Language`, and the
media type), and `Vary` says that it depends on those headers, for caches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from lineage import safe_csv
from lineage.language import DEFAULT, Lang, from_accept_language

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def request_language(
    request: Request,
    lang: Annotated[
        Lang | None,
        Query(
            description="Language of messages and headings: id (Indonesian) or en. Default: `Accept-Language`, else id."
        ),
    ] = None,
) -> Lang:
    return lang or from_accept_language(request.headers.get("accept-language")) or DEFAULT


LangDep = Annotated[Lang, Depends(request_language)]

Format = Literal["json", "csv"]
FormatQuery = Annotated[
    Format | None,
    Query(description="json or csv (formula-safe, for spreadsheets). Default: `Accept` (text/csv), else json."),
]


def wants_csv(request: Request, format: Format | None) -> bool:
    """True when `format=csv`, or no `format` and an `Accept` header preferring text/csv to JSON."""
    if format is not None:
        return format == "csv"
    return _prefers_csv(request.headers.get("accept", ""))


def _prefers_csv(accept: str) -> bool:
    weights: dict[str, float] = {}
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        match = re.search(r"(?:^|;)\s*q\s*=\s*([0-9.]+)", params)
        try:
            quality = float(match.group(1)) if match else 1.0
        except ValueError:
            quality = 0.0
        weights[media.strip().lower()] = max(quality, weights.get(media.strip().lower(), 0.0))
    csv = weights.get("text/csv", 0.0)
    return csv > 0 and csv >= max(weights.get("application/json", 0.0), weights.get("application/problem+json", 0.0))


def csv_response(
    rows: Iterable[Sequence[object]],
    *,
    filename: str,
    lang: Lang | None = None,
    next_url: str | None = None,
    total: int | None = None,
) -> Response:
    """A formula-safe CSV answer: the header row first. A paged list says its next page in a
    `Link: <...>; rel="next"` header (RFC 8288) and its size in `X-Total-Count`, as its JSON says
    them in `next_cursor` and `total`."""
    headers = {
        "Content-Disposition": f'attachment; filename="{re.sub(r"[^A-Za-z0-9._-]", "-", filename)}.csv"',
        "Vary": "Accept, Accept-Language",
    }
    if lang is not None:
        headers["Content-Language"] = lang.value
    if next_url is not None:
        headers["Link"] = f'<{next_url}>; rel="next"'
    if total is not None:
        headers["X-Total-Count"] = str(total)
    return Response(content=safe_csv.to_csv(rows), media_type=CSV_MEDIA_TYPE, headers=headers)


def next_page_url(request: Request, cursor: str | None) -> str | None:
    """This request's address with `cursor` set to `cursor` (None on the last page)."""
    if cursor is None:
        return None
    return str(request.url.include_query_params(cursor=cursor))


#: The OpenAPI `responses` entry of an operation that can answer CSV.
CSV_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/csv": {"schema": {"type": "string"}}},
        "description": "The answer; with `format=csv` or `Accept: text/csv` as formula-safe CSV (header row first; "
        "the next page in the `Link` header, the count in `X-Total-Count`).",
    }
}
