"""`lineage validate FILE`, `lineage load FILE`, `lineage delete CASCADE_ID`: cascades in and out of Neo4j."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from lineage.cascade import Cascade, CascadeFileError, read_cascade
from lineage.cli.common import Failure, connected, eprint
from lineage.loader import delete_cascade, load_cascade


def register(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser("validate", help="check a cascade file without loading it")
    validate.add_argument("file", type=Path)
    validate.set_defaults(run=_validate)

    load = commands.add_parser(
        "load", help="load a cascade file into Neo4j (replacing that cascade's previous version, all or nothing)"
    )
    load.add_argument("file", type=Path)
    load.add_argument("--batch-size", type=int, default=5_000, help="rows per UNWIND batch (default 5000)")
    load.add_argument("--json", action="store_true", help="print the load report as JSON")
    load.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")
    load.set_defaults(run=_load)

    delete = commands.add_parser("delete", help="remove a cascade (every version of it) from Neo4j")
    delete.add_argument("cascade", metavar="CASCADE_ID")
    delete.add_argument(
        "--keep-realisations",
        action="store_true",
        help="keep the realisations entered through the API, for a cascade you will load again",
    )
    delete.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")
    delete.set_defaults(run=_delete)


def read_or_fail(path: Path) -> Cascade:
    try:
        return read_cascade(path)
    except CascadeFileError as exc:
        raise Failure(f"{exc}\nNothing was loaded.") from None


def _validate(args: argparse.Namespace) -> int:
    cascade = read_or_fail(args.file)
    print(
        f"{args.file}: valid cascade '{cascade.id}' ({cascade.agency}, {cascade.region}, {cascade.period}): "
        f"{len(cascade.positions)} positions, {len(cascade.elements)} elements, {len(cascade.indicators)} indicators"
    )
    return 0


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


def _load(args: argparse.Namespace) -> int:
    cascade = read_or_fail(args.file)
    with connected(args) as (driver, target):
        eprint(f"Loading '{cascade.id}' from {args.file} into {target.describe()} ...")
        report = load_cascade(
            driver,
            cascade,
            source_text=args.file.read_text(encoding="utf-8"),
            source_name=str(args.file),
            database=target.database,
            batch_size=args.batch_size,
            progress=ProgressPrinter(),
        )
    if args.json:
        print(json.dumps(report.__dict__, indent=2))
    else:
        verb = "Replaced" if report.replaced else "Loaded"
        print(
            f"{verb} cascade '{report.cascade}': {report.positions} positions, {report.elements} elements, "
            f"{report.indicators} indicators, {report.element_links + report.indicator_links} CONTRIBUTES_TO links"
        )
    return 0


def _delete(args: argparse.Namespace) -> int:
    with connected(args) as (driver, target):
        if not delete_cascade(driver, args.cascade, keep_realisations=args.keep_realisations, database=target.database):
            raise Failure(f"no cascade {args.cascade!r} is loaded; `lineage cascades` lists them")
    print(f"Deleted cascade '{args.cascade}'")
    return 0
