"""The FastAPI application: one Neo4j driver for the process, opened and closed with the app.

`uvicorn --factory lineage.api.main:create_app` (or `lineage serve`) runs it; tests pass their own driver.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute
from neo4j import Driver

from lineage.api.deps import Database
from lineage.api.errors import install_error_handlers
from lineage.api.headers import SecurityHeaders
from lineage.api.limits import BodyLimit
from lineage.api.openapi import document_errors
from lineage.api.parameters import refuse_unread_parameters
from lineage.api.routes import ROUTERS, imports
from lineage.connection import open_driver, resolve_target
from lineage.lifecycle import Janitor, janitor_interval
from lineage.settings import get_settings
from lineage.warmup import warm_up

DESCRIPTION = """
Lineage traces how performance indicators (IK, *indikator kinerja*) roll up through an
Indonesian SAKIP performance cascade (*cascading kinerja*): from JAFUNG/STAF sub kegiatan,
through kegiatan and Eselon III programs, to the agency's targets and the goals of the head of
the region (the Walikota of a city, the Bupati of a regency).

Ids are global: the cascade id, a colon, the id written in the cascade file
(`makassar-diskopukm:ik-sasaran-2`). Find them with `GET /indicators?q=`.

Every error is a problem (RFC 9457, `application/problem+json`) with a short code in `error` and
a sentence in `detail`; each operation lists the statuses it can answer. A query parameter an
operation does not read, or a second value of one it reads once, is refused (422), not ignored.
"""


#: The largest request body of any path but the upload's (api/routes/imports.py): a realisation
#: is a few hundred bytes. Larger bodies are refused, unread, with 413 `too_large`.
MAX_BODY = 1024 * 1024
#: The longest the API waits for the warm-up before it serves (seconds).
WARM_UP_WAIT = 15.0
#: The cyclic garbage collector's first threshold in the API's process (Python's default: 700
#: allocations). Kept walks are hundreds of thousands of long-lived objects; at the default, the
#: pages of one 10,000-contributor answer ran the collector some 100 times, a full pass over all
#: of them once, 110-140 ms of a 800 ms read of every page; at this threshold, 10-15 ms. The
#: requests' own garbage is freed as it goes (reference counts): the collector is for cycles.
GC_FIRST_THRESHOLD = 50_000


def create_app(driver: Driver | None = None, database: str | None = None) -> FastAPI:
    """Build the app; without `driver`, connect as the settings say (NEO4J_URI or the local server).
    It asks the hot questions once before serving (`lineage.warmup`); while it runs, a janitor
    deletes replaced loads whose grace has run out (`lineage.lifecycle`)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings = get_settings()
        if driver is None:
            db = Database(open_driver(resolve_target(settings)), settings.neo4j_database)
        else:
            db = Database(driver, database)
        app.state.database = db
        gc.set_threshold(GC_FIRST_THRESHOLD, *gc.get_threshold()[1:])
        # Serve once the questions are warm (lineage.warmup), or after WARM_UP_WAIT in any case (a
        # database not reachable yet makes the driver retry for longer); the warm-up goes on alone.
        warming = asyncio.ensure_future(run_in_threadpool(warm_up, db.driver, db.name))
        await asyncio.wait({warming}, timeout=WARM_UP_WAIT)
        janitor = Janitor(db.driver, db.name, janitor_interval(settings.retired_grace_seconds))
        janitor.start()
        try:
            yield
        finally:
            janitor.stop()
            if driver is None:
                db.driver.close()

    app = FastAPI(
        dependencies=[Depends(refuse_unread_parameters)],
        title="Lineage",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        # served by lineage.api.routes.docs from installed files, never from a CDN
        docs_url=None,
        redoc_url=None,
    )
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, default=MAX_BODY, limits={"/cascades": imports.max_body()})
    for router in ROUTERS:
        app.include_router(router)
    document_errors(app)
    return app


def _operation_id(route: APIRoute) -> str:
    """Operation ids are the route names (`list_contributors`), so generated clients read well."""
    return route.name
