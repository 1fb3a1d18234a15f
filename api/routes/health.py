"""GET /health: is the service up, and can it reach Neo4j."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError

from lineage.answers import Health
from lineage.api.deps import DatabaseDep
from lineage.cascades import count_cascades

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=Health,
    name="health",
    summary="Service and Neo4j reachability",
    responses={503: {"model": Health, "description": "Neo4j cannot be reached"}},
)
def health(db: DatabaseDep) -> Health | JSONResponse:
    try:
        info = db.driver.get_server_info()
        cascades = count_cascades(db.driver, database=db.name)
    except (DriverError, Neo4jError, OSError) as exc:
        body = Health(status="unavailable", neo4j="unreachable", detail=str(exc) or type(exc).__name__)
        return JSONResponse(status_code=503, content=body.model_dump())
    return Health(status="ok", neo4j="reachable", neo4j_version=info.agent, cascades=cascades)
