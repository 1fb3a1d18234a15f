"""Dependencies shared by the routes: the one Neo4j driver of the process, and its database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from neo4j import Driver


@dataclass(frozen=True)
class Database:
    driver: Driver
    #: None: the server's default database
    name: str | None


async def get_database(request: Request) -> Database:
    """Async on purpose: FastAPI runs a sync dependency in its thread pool, a hand-off per request
    (and back) that costs more than the lookup itself."""
    database: Database = request.app.state.database
    return database


DatabaseDep = Annotated[Database, Depends(get_database)]
