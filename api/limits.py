"""The size of a request body is bounded on every path, and a body over the bound is refused with
the problem 413 `too_large`, before it is read when its length is announced.

Why not FastAPI's own `max_body_size`: Starlette's limiter then answers a plain-text 413 of its
own, outside the error contract (api/errors.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import HTTPException
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lineage.api.errors import problem


class BodyLimit:
    """ASGI middleware: at most `limits[path]` bytes of body on that path, else `default`."""

    def __init__(self, app: ASGIApp, default: int, limits: Mapping[str, int]) -> None:
        self.app = app
        self.default = default
        self.limits = dict(limits)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default)
        announced = Headers(scope=scope).get("content-length", "")
        if announced.isdigit() and int(announced) > limit:
            refusal = problem(Request(scope), 413, "too_large", _sentence(int(announced), limit))
            await refusal(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, _sentence(received, limit))
            return message

        await self.app(scope, counted, send)


def _sentence(size: int, limit: int) -> str:
    return f"the request body is {size:,} bytes; this path reads at most {limit:,}"
