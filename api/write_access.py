"""Write access: the write endpoints want `Authorization: Bearer <LINEAGE_WRITE_TOKEN>`.

Why a single shared token: the API's writers are a few reporting tools and the planning office,
not the public; reads stay open. A server started without the token refuses every write, so a
forgotten setting never leaves the data open to change.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from lineage.settings import get_settings

_bearer = HTTPBearer(auto_error=False, description="The server's LINEAGE_WRITE_TOKEN.")


class WriteRefused(Exception):
    """A write without the right token; `api.errors` answers it as JSON."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail


def require_write_access(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    token = get_settings().write_token
    if token is None or not token.get_secret_value():
        raise WriteRefused(
            403, "writes_disabled", "this server accepts no writes: start it with LINEAGE_WRITE_TOKEN set"
        )
    if credentials is None:
        raise WriteRefused(401, "unauthenticated", "send the write token as `Authorization: Bearer <token>`")
    if not secrets.compare_digest(credentials.credentials.encode(), token.get_secret_value().encode()):
        raise WriteRefused(401, "bad_token", "the write token is not the one this server was given")


WriteAccess = Depends(require_write_access)
