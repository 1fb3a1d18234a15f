"""One router per resource; `lineage.api.main` includes them all from `ROUTERS`."""

from lineage.api.routes.audit import router as audit_router
from lineage.api.routes.cascades import router as cascades_router
from lineage.api.routes.changes import router as changes_router
from lineage.api.routes.docs import router as docs_router
from lineage.api.routes.exports import router as exports_router
from lineage.api.routes.figures import router as figures_router
from lineage.api.routes.health import router as health_router
from lineage.api.routes.imports import router as imports_router
from lineage.api.routes.indicators import router as indicators_router
from lineage.api.routes.render import router as render_router
from lineage.api.routes.ui import router as ui_router
from lineage.api.routes.versions import router as versions_router
from lineage.api.routes.vocabulary import router as vocabulary_router

ROUTERS = [
    health_router,
    cascades_router,
    indicators_router,
    render_router,
    ui_router,
    docs_router,
    figures_router,
    imports_router,
    versions_router,
    audit_router,
    changes_router,
    vocabulary_router,
    exports_router,
]
