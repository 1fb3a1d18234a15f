"""One router per resource; `api.main` includes them all from `ROUTERS`."""

from api.routes.audit import router as audit_router
from api.routes.health import router as health_router
from api.routes.indicators import router as indicators_router

ROUTERS = [health_router, indicators_router, audit_router]
