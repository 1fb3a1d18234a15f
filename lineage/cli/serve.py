"""`lineage serve`: Neo4j up, a cascade loaded if the database has none, the API serving."""

from __future__ import annotations

from pathlib import Path

import click

from lineage.cli.common import ProgressPrinter, eprint
from lineage.cli.errors import DONE
from lineage.cli.load import CASCADE_FILE, read_or_fail


def _makassar() -> Path:
    """Shipped with the package (the repository's data/makassar/), so an installed Lineage serves it too."""
    from importlib import resources

    return Path(str(resources.files("lineage.data") / "makassar" / "dinas-koperasi-ukm.yaml"))


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
    default=1,
    show_default=True,
    help="worker processes (each with its own Neo4j driver; cursors work across them)",
)
@click.option("--access-log/--no-access-log", default=False, show_default=True, help="log every request")
def serve(host: str, port: int, cascade: Path, workers: int, access_log: bool) -> int:
    """Serve the HTTP API and the page.

    Starts the local Neo4j if needed, and loads the Makassar cascade (or --cascade) if the
    database holds none.
    """
    import uvicorn

    from lineage.api.main import create_app
    from lineage.cascades import count_cascades
    from lineage.connection import open_driver, resolve_target
    from lineage.loader import load_cascade
    from lineage.settings import get_settings

    target = resolve_target(get_settings())
    if target.local:
        target.local.start(progress=ProgressPrinter())
    driver = open_driver(target)
    try:
        driver.verify_connectivity()
        if count_cascades(driver, database=target.database) == 0:
            report = load_cascade(
                driver,
                read_or_fail(cascade),
                source_text=cascade.read_text(encoding="utf-8"),
                source_name=str(cascade),
                database=target.database,
            )
            eprint(f"Loaded '{report.cascade}' from {cascade}: {report.indicators} indicators")
        eprint(f"Serving the API on http://{host}:{port}  (OpenAPI: http://{host}:{port}/docs)")
        if target.local:
            eprint("Neo4j keeps running after the API stops; `lineage db stop` stops it.")
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
    return DONE
