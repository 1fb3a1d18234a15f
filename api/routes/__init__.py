"""One router per resource; `api.main` includes them all from `ROUTERS`."""

from api.routes.audit import router as audit_router
from api.routes.cascades import router as cascades_router
from api.routes.figures import router as figures_router
from api.routes.health import router as health_router
from api.routes.imports import router as imports_router
from api.routes.indicators import router as indicators_router
from api.routes.render import router as render_router
from api.routes.ui import router as ui_router
from api.routes.versions import router as versions_router

ROUTERS = [
    health_router, cascades_router, indicators_router, render_router, ui_router,
    figures_router, imports_router, versions_router, audit_router,
]
