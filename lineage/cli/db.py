"""`lineage db start|stop|status|fetch`: Lineage's own local Neo4j server."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from lineage.cli.common import ProgressPrinter, eprint
from lineage.cli.errors import DONE, REFUSED, UNAVAILABLE, Failure
from lineage.cli.options import json_option

if TYPE_CHECKING:
    from lineage.localdb import LocalNeo4j, ServerStatus

F = TypeVar("F", bound=Callable[..., Any])


@click.group()
def db() -> None:
    """Run Lineage's own local Neo4j server.

    The server runs from Neo4j's own jars on Maven Central, fetched the first time.
    """


def server_options(command: F) -> F:
    command = click.option(
        "--instance",
        metavar="NAME",
        default=None,
        help="which local server: 'main' (used by serve) or 'test' (used by the tests); default from LINEAGE_INSTANCE",
    )(command)
    return click.option("--timeout", type=float, default=180.0, show_default=True, help="seconds to wait")(command)


def _server(instance: str | None) -> LocalNeo4j:
    from lineage.localdb import LocalNeo4j
    from lineage.settings import get_settings

    settings = get_settings()
    if settings.neo4j_uri:
        eprint(f"note: NEO4J_URI is set ({settings.neo4j_uri}); Lineage will use that server, not this local one")
    return LocalNeo4j(settings, instance)


@db.command()
@server_options
def start(instance: str | None, timeout: float) -> int:
    """Start the server (fetching its jars the first time) and wait until Bolt answers."""
    _server(instance).start(timeout=timeout, progress=ProgressPrinter())
    return DONE


@db.command()
@server_options
def stop(instance: str | None, timeout: float) -> int:
    """Stop the server."""
    _server(instance).stop(timeout=timeout, progress=ProgressPrinter())
    return DONE


@db.command()
@server_options
def fetch(instance: str | None, timeout: float) -> int:
    """Only resolve Neo4j's jars from Maven Central (done by start when needed)."""
    server = _server(instance)
    classpath = server.fetch(progress=ProgressPrinter())
    eprint(f"Neo4j {server.settings.neo4j_version}: {len(classpath.split(':'))} jars resolved")
    return DONE


@db.command()
@server_options
@json_option
def status(instance: str | None, timeout: float, as_json: bool) -> int:
    """Say whether the server runs, where, and where its log is (exit 1 when it does not run)."""
    found = _server(instance).status()
    if as_json:
        click.echo(json.dumps(_status_json(found), indent=2))
    elif found.running:
        click.echo(f"Neo4j ({found.instance}) running: pid {found.pid}, {found.uri}, version {found.version or '?'}")
        click.echo(f"  data and config: {found.home}\n  log: {found.log}")
    else:
        click.echo(
            f"Neo4j ({found.instance}) is not running (would listen on {found.uri}); start it with `lineage db start`"
        )
    return DONE if found.running else REFUSED


def _status_json(found: ServerStatus) -> dict[str, Any]:
    return {**found.__dict__, "home": str(found.home), "log": str(found.log)}


@db.command("bulk-load")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, readable=True, path_type=Path))
@click.option(
    "--instance",
    metavar="NAME",
    default=None,
    help="which local server: 'main' (used by serve) or 'test'; default from LINEAGE_INSTANCE",
)
@json_option
def bulk_load(files: tuple[Path, ...], instance: str | None, as_json: bool) -> int:
    """First load of big cascade files into an empty database, with neo4j-admin (opt-in).

    For a province's or a nation's cascades (10^5-10^6 indicators): the server is stopped, Neo4j's
    offline importer writes the store, the server starts again with the constraints and indexes.
    Only into the EMPTY database of Lineage's own local server; every later load of a cascade goes
    through `lineage load` (docs/loads.md).
    """
    from lineage.bulk import BulkLoadRefused
    from lineage.bulk import bulk_load as load_in_bulk
    from lineage.changes import Actor, acting_as
    from lineage.cli.load import read_or_fail, terminated_as_interrupt
    from lineage.connection import resolve_target
    from lineage.settings import get_settings

    if get_settings().neo4j_uri:
        raise Failure("a bulk load is only for Lineage's own local server: unset NEO4J_URI, or use `lineage load`")
    read = [read_or_fail(file) for file in files]
    target = resolve_target(get_settings(), instance)
    if target.local is None or not target.local.status().running:
        raise Failure("the local Neo4j is not running; start it with `lineage db start`", UNAVAILABLE)
    try:
        with acting_as(Actor.os_user("cli"), "load"), terminated_as_interrupt():
            report = load_in_bulk(
                target,
                [cascade for cascade, _ in read],
                sources={cascade.id: source for cascade, source in read},
                progress=ProgressPrinter(),
            )
    except BulkLoadRefused as exc:
        raise Failure(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.__dict__, indent=2))
    else:
        timings = ", ".join(f"{step} {seconds:.1f}s" for step, seconds in report.seconds.items())
        click.echo(
            f"Bulk-loaded {len(report.cascades)} cascade(s): {report.nodes} nodes, "
            f"{report.relationships} relationships ({timings})"
        )
    return DONE
