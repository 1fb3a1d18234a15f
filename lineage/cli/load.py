"""`lineage validate FILE`, `lineage load FILE`, `lineage delete CASCADE_ID`: cascades in and out of Neo4j."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from lineage.cli.common import ProgressPrinter, connected, eprint, safe
from lineage.cli.errors import DONE, REFUSED, Failure
from lineage.cli.imports import SOURCE, import_options, is_cascade_file, print_report, refusal, source_options
from lineage.cli.options import instance_option, json_option

if TYPE_CHECKING:
    from lineage.cascade import Cascade, CascadeFileError
    from lineage.importers import ImportOptions
    from lineage.plan import LoadPlan
    from lineage.sources import Source

#: A cascade file given on the command line: a directory or an unreadable file is bad usage (exit 2);
#: a missing or invalid file is refused by the reader, naming the file (exit 1).
CASCADE_FILE = click.Path(dir_okay=False, readable=True, path_type=Path)


def read_or_fail(path: Path) -> tuple[Cascade, Source]:
    """The cascade of a file and where it came from (`lineage.cascade.read_cascade_file`), or the
    command fails naming file, line and field."""
    from lineage.cascade import CascadeFileError, read_cascade_file

    try:
        return read_cascade_file(path)
    except CascadeFileError as exc:
        raise Failure(f"{exc}\nNothing was loaded.") from None


@click.command()
@click.argument("file", type=SOURCE)
@source_options
@json_option
def validate(
    file: Path,
    agency: str | None,
    region: str | None,
    period: str | None,
    cascade_id: str | None,
    maps: tuple[str, ...],
    mapping: Path | None,
    as_json: bool,
) -> int:
    """Check a cascade file, or anything `lineage import` reads, without loading it (offline).

    Every problem is listed with its line and field (sheet, row and column). With --json the
    verdict is printed as JSON on standard output, valid or not; the exit status is 1 when the
    file is refused. A source other than a cascade file is read as `lineage import` reads it,
    with the same options: its report says what it would load and what it leaves out.
    """
    from lineage.cascade import CascadeFileError, read_cascade

    if not is_cascade_file(file):
        return _validate_source(file, import_options(agency, region, period, cascade_id, maps, mapping), as_json)

    try:
        cascade = read_cascade(file)
    except CascadeFileError as exc:
        if not as_json:
            raise Failure(str(exc)) from None
        click.echo(json.dumps(_refusal_json(file, exc), indent=2, ensure_ascii=False))
        return REFUSED
    summary = {
        "file": str(file),
        "valid": True,
        "cascade": cascade.id,
        "agency": cascade.agency,
        "region": cascade.region,
        "period": str(cascade.period),
        "positions": len(cascade.positions),
        "elements": len(cascade.elements),
        "indicators": len(cascade.indicators),
    }
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return DONE
    click.echo(
        f"{safe(file)}: valid cascade '{safe(cascade.id)}' ({safe(cascade.agency)}, {safe(cascade.region)}, "
        f"{cascade.period}): {summary['positions']} positions, {summary['elements']} elements, "
        f"{summary['indicators']} indicators"
    )
    return DONE


def _validate_source(file: Path, options: ImportOptions, as_json: bool) -> int:
    from lineage.importers import ImportRefused
    from lineage.importers.check import validate_source

    try:
        imported = validate_source(str(file), options=options)
    except ImportRefused as exc:
        if not as_json:
            raise refusal(exc, "") from None
        click.echo(
            json.dumps({"file": str(file), "valid": False, "report": exc.report.model_dump(mode="json")}, indent=2)
        )
        return REFUSED
    if as_json:
        report = imported.report.model_dump(mode="json")
        click.echo(json.dumps({"file": str(file), "valid": True, "report": report}, indent=2, ensure_ascii=False))
        return DONE
    print_report(imported.report, False)
    click.echo(f"\n{safe(file)}: valid; nothing was loaded (`lineage import` loads it)")
    return DONE


def _refusal_json(file: Path, exc: CascadeFileError) -> dict[str, Any]:
    return {
        "file": str(file),
        "valid": False,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "field": p.field,
                "message": p.message,
                "sheet": p.sheet,
                "column": p.column,
            }
            for p in exc.problems
        ],
    }


@click.command()
@click.argument("file", type=CASCADE_FILE)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=5_000, show_default=True, help="rows per UNWIND batch"
)
@click.option("--dry-run", is_flag=True, help="say what the load would add, remove and change; load nothing")
@click.option(
    "--yes",
    "-y",
    is_flag=True,
    help="load even if it removes more than LINEAGE_MAX_REMOVED_SHARE (20 %) of the cascade's indicators",
)
@click.option(
    "--take-over",
    is_flag=True,
    help="take the cascade's claim from a load that is stuck, not dead (docs/loads.md); that load then stops",
)
@json_option
@instance_option
def load(
    file: Path, batch_size: int, dry_run: bool, yes: bool, take_over: bool, as_json: bool, instance: str | None
) -> int:
    """Load a cascade file into Neo4j (all or nothing).

    The cascade's previous version is replaced in one switch; readers never see half of it. A
    load that would remove more than LINEAGE_MAX_REMOVED_SHARE of the cascade's indicators is
    refused unless --yes; --dry-run says first what would change. A load killed earlier never
    blocks this one: its claim is taken over and what it wrote removed (said on standard error).
    """
    from lineage.changes import Actor, acting_as
    from lineage.loader import load_cascade

    cascade, source = read_or_fail(file)
    with connected(instance) as (driver, target):
        if dry_run:
            from lineage.plan import plan_load

            print_plans([plan_load(driver, cascade, database=target.database)], as_json)
            return DONE
        eprint(f"Loading '{cascade.id}' from {file} into {target.describe()} ...")
        with acting_as(Actor.os_user("cli"), "load"), terminated_as_interrupt():
            report = load_cascade(
                driver,
                cascade,
                source=source,
                database=target.database,
                batch_size=batch_size,
                progress=ProgressPrinter(),
                take_over=take_over,
                force=yes,
            )
    if report.took_over:
        eprint(f"Took over {report.took_over}")
    if report.removed_remains:
        eprint(f"Removed what the interrupted load(s) {', '.join(report.removed_remains)} had written")
    if as_json:
        click.echo(json.dumps(report.__dict__, indent=2))
    else:
        verb = "Replaced" if report.replaced else "Loaded"
        click.echo(
            f"{verb} cascade '{safe(report.cascade)}': {report.positions} positions, {report.elements} elements, "
            f"{report.indicators} indicators, {report.element_links + report.indicator_links} CONTRIBUTES_TO links"
        )
    return DONE


@click.command()
@click.argument("cascade", metavar="CASCADE_ID")
@click.option(
    "--keep-realisations",
    is_flag=True,
    help="keep the realisations entered (`lineage realisation set`, the API), for a cascade you will load again",
)
@click.option("--yes", "-y", is_flag=True, help="do not ask for confirmation (needed without a terminal)")
@json_option
@instance_option
def delete(cascade: str, keep_realisations: bool, yes: bool, as_json: bool, instance: str | None) -> int:
    """Remove a cascade (every version of it) from Neo4j.

    Asks for confirmation first, unless --yes; without a terminal to ask on, it refuses unless --yes.
    """
    from lineage.changes import Actor, acting_as
    from lineage.loader import delete_cascade

    with connected(instance) as (driver, target):
        if not yes:
            _confirm_delete(cascade, keep_realisations)
        with acting_as(Actor.os_user("cli"), "delete"), terminated_as_interrupt():
            deleted = delete_cascade(driver, cascade, keep_realisations=keep_realisations, database=target.database)
        if not deleted:
            raise Failure(f"no cascade {cascade!r} is loaded; `lineage cascades` lists them")
    if as_json:
        click.echo(json.dumps({"deleted": cascade, "kept_realisations": keep_realisations}, indent=2))
    else:
        click.echo(f"Deleted cascade '{safe(cascade)}'")
    return DONE


def _confirm_delete(cascade: str, keep_realisations: bool) -> None:
    """Ask on the terminal; refuse when there is none (a script must say --yes)."""
    if not sys.stdin.isatty():
        raise Failure(f"deleting {cascade!r} needs confirmation and there is no terminal to ask on; pass --yes")
    what = "every version of it" + ("" if keep_realisations else " and the realisations entered for it")
    if not click.confirm(f"Delete cascade {cascade!r}, {what}?", default=False, err=True):
        raise Failure("nothing was deleted")


@contextmanager
def terminated_as_interrupt() -> Iterator[None]:
    """A plain `kill` (SIGTERM) of a write is handled as Ctrl-C: the load removes what it wrote and
    gives its claim back before the process ends, instead of leaving them for the next load."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def print_plans(plans: list[LoadPlan], as_json: bool) -> None:
    """A dry run's answer: what each load would change, counted against the version it replaces."""
    if as_json:
        click.echo(json.dumps([p.model_dump(mode="json") for p in plans], indent=2, ensure_ascii=False))
        return
    for plan in plans:
        click.echo(f"Dry run: {safe(plan.sentence())}.")
        for kind in ("positions", "elements", "indicators"):
            n = getattr(plan, kind)
            click.echo(
                f"  {kind:<11} +{n.added} added  -{n.removed} removed  ~{n.changed} changed  ={n.unchanged} same"
            )
        for indicator in plan.removed_indicators:
            click.echo(f"  would remove {safe(indicator.id)}: {safe(indicator.name)}")
        if plan.needs_force:
            click.echo(
                f"  It removes more than {plan.max_removed_share:.0%} of the indicators: the load is refused "
                "unless --yes."
            )
