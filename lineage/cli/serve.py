"""`lineage serve`: Neo4j up, a cascade loaded if the database has none, the API serving."""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

import uvicorn

from lineage.cascades import count_cascades
from lineage.cli.common import eprint
from lineage.cli.load import read_or_fail
from lineage.connection import open_driver, resolve_target
from lineage.loader import load_cascade
from lineage.settings import get_settings

#: Shipped with the package (the repository's data/makassar/), so an installed Lineage serves it too.
MAKASSAR = Path(str(resources.files("lineage.data") / "makassar" / "dinas-koperasi-ukm.yaml"))


def register(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve", help="start Neo4j if needed, load the Makassar cascade if the database has none, serve the API"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="HTTP port (default 8000)")
    serve.add_argument("--cascade", type=Path, default=MAKASSAR, help="file to load when the database holds no cascade")
    serve.set_defaults(run=_serve)


def _serve(args: argparse.Namespace) -> int:
    settings = get_settings()
    target = resolve_target(settings)
    if target.local:
        target.local.start(progress=eprint)
    driver = open_driver(target)
    try:
        driver.verify_connectivity()
        if count_cascades(driver, database=target.database) == 0:
            cascade = read_or_fail(args.cascade)
            report = load_cascade(
                driver,
                cascade,
                source_text=args.cascade.read_text(encoding="utf-8"),
                source_name=str(args.cascade),
                database=target.database,
            )
            eprint(f"Loaded '{report.cascade}' from {args.cascade}: {report.indicators} indicators")
        from lineage.api.main import create_app  # imported late: `lineage db ...` should not pay for FastAPI

        eprint(f"Serving the API on http://{args.host}:{args.port}  (OpenAPI: http://{args.host}:{args.port}/docs)")
        if target.local:
            eprint("Neo4j keeps running after the API stops; `lineage db stop` stops it.")
        uvicorn.run(create_app(driver, target.database), host=args.host, port=args.port, log_level="info")
    finally:
        driver.close()
    return 0
