"""The upload size limit: a request body beyond LINEAGE_MAX_UPLOAD_BYTES is answered 413
`too_large`, before it is read when its Content-Length says so, or as soon as it goes beyond
(a chunked upload states no length).

Why a route class and not a check in the route: FastAPI reads the whole multipart body (to a
temporary file) before the route runs, so a check there would bound nothing. The route class
sees the request first and counts what the client sends.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute
from starlette.types import Message, Receive

from lineage.limits import limit, megabytes


class UploadTooLarge(HTTPException):
    """A body beyond the limit; `api.errors` answers it 413 `too_large`."""

    def __init__(self, most: int) -> None:
        super().__init__(
            status_code=413,
            detail=f"the upload is larger than {megabytes(most)}, the most this server reads "
            "(LINEAGE_MAX_UPLOAD_BYTES); load the file with `lineage import FILE` instead",
        )

    def __str__(self) -> str:
        return str(self.detail)


class UploadLimitRoute(APIRoute):
    """A route whose request body may hold at most LINEAGE_MAX_UPLOAD_BYTES."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def limited(request: Request) -> Response:
            most = limit("LINEAGE_MAX_UPLOAD_BYTES")
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > most:
                raise UploadTooLarge(most)
            return await handler(Request(request.scope, _bounded(request.receive, most)))

        return limited


def _bounded(receive: Receive, most: int) -> Receive:
    received = 0

    async def bounded() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > most:
                raise UploadTooLarge(most)
        return message

    return bounded
