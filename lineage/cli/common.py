"""What the command groups share: connecting, failing clearly, printing JSON and tables."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from neo4j import Driver
from pydantic import BaseModel

from lineage import errors, indicators
from lineage.answers import IndicatorSummary
from lineage.connection import Target, open_driver, resolve_target
from lineage.settings import get_settings


class Failure(Exception):
    """A refusal to report to the user in one sentence, with an exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


@contextmanager
def connected(args: argparse.Namespace) -> Iterator[tuple[Driver, Target]]:
    target = resolve_target(get_settings(), getattr(args, "instance", None))
    if target.local and not target.local.status().running:
        raise Failure(
            f"the local Neo4j ('{target.local.instance}') is not running; start it with "
            f"`lineage db start{'' if target.local.instance == 'main' else ' --instance ' + target.local.instance}`"
            " or point NEO4J_URI at a server",
            3,
        )
    driver = open_driver(target)
    try:
        yield driver, target
    finally:
        driver.close()


def resolve_or_fail(driver: Driver, ref: str, database: str | None) -> IndicatorSummary:
    """The indicator a person typed (id, name or part of a name), or a Failure listing candidates."""
    try:
        return indicators.resolve_indicator(driver, ref, database=database)
    except (errors.NotFound, errors.Ambiguous) as exc:
        raise Failure(str(exc)) from None


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")


def print_json(model: BaseModel) -> None:
    print(model.model_dump_json(indent=2, by_alias=True))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain aligned table; the last column is left unpadded (it holds long names)."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers) - 1)]
    for n, row in enumerate(cells):
        line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:-1]))
        print(f"{line}  {row[-1]}".rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths) + "  " + "-" * min(40, max(len(r[-1]) for r in cells)))


def eprint(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
