"""Write access: the write endpoints want `Authorization: Bearer <token>`, a token the server
knows (`lineage.tokens`), whose scope covers the cascade written.

Why tokens with names and scopes: the API's writers are the agencies' reporting tools and the
planning office, not the public; reads stay open. Each token may write only its agencies' or
cascades' data (403 `out_of_scope` otherwise), and its name is recorded with every write
(`lineage.changes`). A server that knows no token refuses every write, so a forgotten setting
never leaves the data open to change.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from neo4j import Driver

from lineage.changes import Actor
from lineage.cypher import cypher
from lineage.settings import get_settings
from lineage.tokens import Token, TokenRegistry

_bearer = HTTPBearer(auto_error=False, description="A write token (`lineage token add`) or the LINEAGE_WRITE_TOKEN.")
_registry = TokenRegistry()


class WriteRefused(Exception):
    """A write without the right token; `api.errors` answers it as JSON."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail


def require_writer(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Token:
    """The token the request was sent with, if the server knows it (401/403 otherwise)."""
    settings = get_settings()
    if not _registry.configured(settings):
        raise WriteRefused(
            403,
            "writes_disabled",
            "this server accepts no writes: give it write tokens (`lineage token add`) or LINEAGE_WRITE_TOKEN",
        )
    if credentials is None:
        raise WriteRefused(401, "unauthenticated", "send a write token as `Authorization: Bearer <token>`")
    token = _registry.find(settings, credentials.credentials)
    if token is None:
        raise WriteRefused(401, "bad_token", "this server knows no such write token")
    return token


Writer = Annotated[Token, Depends(require_writer)]


def actor(token: Token) -> Actor:
    """Who the change log records for a write made with `token`."""
    return Actor.token(token.name)


def check_scope(token: Token, cascade_id: str, agency: str | None) -> None:
    """Refuse (403) a write to `cascade_id` (of `agency`) outside the token's scope."""
    if not token.scope.allows(cascade_id, agency):
        of = f" (agency {agency!r})" if agency else ""
        raise WriteRefused(
            403,
            "out_of_scope",
            f"token {token.name!r} may write {token.scope.describe()}; not cascade {cascade_id!r}{of}",
        )


def check_loaded_scope(token: Token, driver: Driver, database: str | None, cascade_id: str) -> None:
    """Refuse (403) a write to the loaded cascade `cascade_id` when its agency, as loaded, is
    outside the token's scope (whatever agency the write itself names)."""
    if token.scope.all:
        return
    records = driver.execute_query(cypher("cascade_agency"), cascade=cascade_id, database_=database).records
    if records:
        check_scope(token, cascade_id, records[0]["agency"])
