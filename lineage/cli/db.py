"""`lineage db start|stop|status|fetch`: Lineage's own local Neo4j server."""

from __future__ import annotations

import argparse
import json

from lineage.cli.common import eprint
from lineage.localdb import LocalNeo4j
from lineage.settings import get_settings


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="run Lineage's own Neo4j server (from Neo4j's jars on Maven Central)")
    actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, run, help_text in [
        ("start", _start, "start the server (fetching its jars the first time) and wait until Bolt answers"),
        ("stop", _stop, "stop the server"),
        ("status", _status, "say whether the server runs, where, and where its log is"),
        ("fetch", _fetch, "only resolve Neo4j's jars from Maven Central (done by start when needed)"),
    ]:
        action = actions.add_parser(name, help=help_text)
        action.add_argument(
            "--instance",
            default=None,
            help="which local server: 'main' (port 7687, used by serve) or 'test' (port 7688, used by the tests)",
        )
        action.add_argument("--timeout", type=float, default=180.0, help="seconds to wait (start/stop)")
        if name == "status":
            action.add_argument("--json", action="store_true", help="print JSON")
        action.set_defaults(run=run)


def _server(args: argparse.Namespace) -> LocalNeo4j:
    settings = get_settings()
    if settings.neo4j_uri:
        eprint(f"note: NEO4J_URI is set ({settings.neo4j_uri}); Lineage will use that server, not this local one")
    return LocalNeo4j(settings, args.instance)


def _start(args: argparse.Namespace) -> int:
    _server(args).start(timeout=args.timeout, progress=eprint)
    return 0


def _stop(args: argparse.Namespace) -> int:
    _server(args).stop(timeout=args.timeout, progress=eprint)
    return 0


def _fetch(args: argparse.Namespace) -> int:
    server = _server(args)
    classpath = server.fetch(progress=eprint)
    eprint(f"Neo4j {server.settings.neo4j_version}: {len(classpath.split(':'))} jars resolved")
    return 0


def _status(args: argparse.Namespace) -> int:
    status = _server(args).status()
    if args.json:
        print(json.dumps({**status.__dict__, "home": str(status.home), "log": str(status.log)}, indent=2))
    elif status.running:
        print(f"Neo4j ({status.instance}) running: pid {status.pid}, {status.uri}, version {status.version or '?'}")
        print(f"  data and config: {status.home}\n  log: {status.log}")
    else:
        print(
            f"Neo4j ({status.instance}) is not running (would listen on {status.uri}); start it with `lineage db start`"
        )
    return 0 if status.running else 1
