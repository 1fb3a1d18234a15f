"""GET /health: is the service up, and can it reach Neo4j."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from neo4j.exceptions import DriverError, Neo4jError

from lineage.answers import Health
from lineage.api.deps import DatabaseDep
from lineage.api.errors import problem
from lineage.queries import count_cascades

log = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=Health,
    name="health",
    summary="Service and Neo4j reachability",
    responses={503: {"description": "Neo4j cannot be reached: `neo4j_unavailable`, with `neo4j: unreachable`"}},
)
def health(request: Request, db: DatabaseDep) -> Health | Response:
    """A 503 says only that Neo4j is unreachable: where it lives and why it failed are the
    operator's business (the server log), not the caller's."""
    try:
        info = db.driver.get_server_info()
        cascades = count_cascades(db.driver, database=db.name)
    except (DriverError, Neo4jError, OSError) as exc:
        log.warning("health: Neo4j cannot be reached: %r", exc)
        return problem(
            request, 503, "neo4j_unavailable", "Neo4j cannot be reached; try again later", neo4j="unreachable"
        )
    return Health(status="ok", neo4j="reachable", neo4j_version=info.agent, cascades=cascades)
