"""`lineage validate FILE`, `lineage load FILE`, `lineage delete CASCADE_ID`: cascades in and out of Neo4j."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from lineage.cli.common import connected, eprint, safe
from lineage.cli.errors import DONE, REFUSED, Failure
from lineage.cli.options import instance_option, json_option

if TYPE_CHECKING:
    from lineage.cascade import Cascade, CascadeFileError

#: A cascade file given on the command line: a directory or an unreadable file is bad usage (exit 2);
#: a missing or invalid file is refused by the reader, naming the file (exit 1).
CASCADE_FILE = click.Path(dir_okay=False, readable=True, path_type=Path)


def read_or_fail(path: Path) -> Cascade:
    from lineage.cascade import CascadeFileError, read_cascade

    try:
        return read_cascade(path)
    except CascadeFileError as exc:
        raise Failure(f"{exc}\nNothing was loaded.") from None


@click.command()
@click.argument("file", type=CASCADE_FILE)
@json_option
def validate(file: Path, as_json: bool) -> int:
    """Check a cascade file without loading it (offline).

    Every problem is listed with its line and field. With --json the verdict is printed as JSON
    on standard output, valid or not; the exit status is 1 when the file is refused.
    """
    from lineage.cascade import CascadeFileError, read_cascade

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


class ProgressPrinter:
    """Prints a line per step, and for long steps every ~10%, so a big load is visibly alive."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.last: dict[str, int] = {}

    def __call__(self, what: str, done: int, total: int) -> None:
        tenth = (10 * done) // max(total, 1)
        if done == total or tenth > self.last.get(what, -1):
            self.last[what] = tenth
            eprint(f"  {what:<16} {done:>9,}/{total:,}  ({time.monotonic() - self.started:.1f}s)")


@click.command()
@click.argument("file", type=CASCADE_FILE)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=5_000, show_default=True, help="rows per UNWIND batch"
)
@json_option
@instance_option
def load(file: Path, batch_size: int, as_json: bool, instance: str | None) -> int:
    """Load a cascade file into Neo4j (all or nothing).

    The cascade's previous version is replaced in one switch; readers never see half of it.
    """
    from lineage.loader import load_cascade

    cascade = read_or_fail(file)
    with connected(instance) as (driver, target):
        eprint(f"Loading '{cascade.id}' from {file} into {target.describe()} ...")
        report = load_cascade(
            driver,
            cascade,
            source_text=file.read_text(encoding="utf-8"),
            source_name=str(file),
            database=target.database,
            batch_size=batch_size,
            progress=ProgressPrinter(),
        )
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
@json_option
@instance_option
def delete(cascade: str, keep_realisations: bool, as_json: bool, instance: str | None) -> int:
    """Remove a cascade (every version of it) from Neo4j."""
    from lineage.loader import delete_cascade

    with connected(instance) as (driver, target):
        if not delete_cascade(driver, cascade, keep_realisations=keep_realisations, database=target.database):
            raise Failure(f"no cascade {cascade!r} is loaded; `lineage cascades` lists them")
    if as_json:
        click.echo(json.dumps({"deleted": cascade, "kept_realisations": keep_realisations}, indent=2))
    else:
        click.echo(f"Deleted cascade '{safe(cascade)}'")
    return DONE
