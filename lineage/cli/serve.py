"""`lineage serve`: Neo4j up, a cascade loaded if the database has none, the API serving."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import click

from lineage.cli.common import ProgressPrinter, eprint
from lineage.cli.errors import DONE
from lineage.cli.load import CASCADE_FILE, read_or_fail, terminated_as_interrupt


def _makassar() -> Path:
    """Shipped with the package (the repository's data/makassar/), so an installed Lineage serves it too."""
    from importlib import resources

    return Path(str(resources.files("lineage.data") / "makassar" / "dinas-koperasi-ukm.yaml"))


#: The most workers `serve` starts by itself: a local Neo4j on the same machine needs cores too, and
#: each worker holds its own walk cache (docs/scaling.md); more is a choice, `--workers N`.
MOST_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """One worker per CPU core this process may run on, at most MOST_DEFAULT_WORKERS. Why more than
    one: a worker answers on one core at a time (Python's lock), and per request it spends about
    as much CPU on HTTP and JSON as on the question; on 2 cores, two workers answered 1.6x the
    requests of one (docs/scaling.md)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(MOST_DEFAULT_WORKERS, cores))


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="HTTP port")
@click.option(
    "--cascade",
    type=CASCADE_FILE,
    default=_makassar,
    help="file to load when the database holds no cascade (default: the Makassar cascade shipped with Lineage)",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=lambda: default_workers(),
    show_default="one per CPU core, at most 4",
    help="worker processes (each with its own Neo4j driver and walk cache; cursors work across them)",
)
@click.option("--access-log/--no-access-log", default=False, show_default=True, help="log every request")
@click.option(
    "--keep-db",
    is_flag=True,
    help="leave the local Neo4j running when the API stops (by default it is stopped if `serve` started it)",
)
def serve(host: str, port: int, cascade: Path, workers: int, access_log: bool, keep_db: bool) -> int:
    """Serve the HTTP API and the page.

    Starts the local Neo4j if needed, and loads the Makassar cascade (or --cascade) if the
    database holds none. When the API stops, a local Neo4j that `serve` started is stopped too
    (one command up, one Ctrl-C down); one that was already running is left running.
    """
    import uvicorn

    from lineage.api.main import create_app
    from lineage.cascades import count_cascades
    from lineage.changes import Actor, acting_as
    from lineage.connection import open_driver, resolve_target
    from lineage.loader import load_cascade
    from lineage.settings import get_settings

    target = resolve_target(get_settings())
    started_here = False
    if target.local:
        started_here = not target.local.status().running
        target.local.start(progress=ProgressPrinter())
    driver = open_driver(target)
    try:
        driver.verify_connectivity()
        if count_cascades(driver, database=target.database) == 0:
            with acting_as(Actor.os_user("cli"), "load"):
                makassar, source = read_or_fail(cascade)
                report = load_cascade(driver, makassar, source=source, database=target.database)
            eprint(f"Loaded '{report.cascade}' from {cascade}: {report.indicators} indicators")
        eprint(f"Serving the API on http://{host}:{port}  (OpenAPI: http://{host}:{port}/docs)")
        if target.local and (keep_db or not started_here):
            eprint("Neo4j keeps running after the API stops; `lineage db stop` stops it.")
        # uvicorn shuts down on SIGTERM or Ctrl-C and then raises the signal again; for a server that
        # is how it is meant to stop, so it ends here (exit 0) and Neo4j is stopped below.
        with terminated_as_interrupt(), contextlib.suppress(KeyboardInterrupt):
            if workers == 1:
                uvicorn.run(create_app(driver, target.database), host=host, port=port, access_log=access_log)
            else:  # each worker process builds its app, and its driver, from the same settings
                uvicorn.run(
                    "lineage.api.main:create_app",
                    factory=True,
                    host=host,
                    port=port,
                    workers=workers,
                    access_log=access_log,
                )
    finally:
        driver.close()
        if target.local and started_here and not keep_db:
            eprint("Stopping the local Neo4j that `serve` started (--keep-db leaves it running).")
            target.local.stop(progress=ProgressPrinter())
    return DONE
