"""What the commands share: connecting, printing JSON and tables, showing data safely on a terminal.

Imports of the driver, the settings and the models happen inside the functions that need them,
so that importing this module (every command does) costs nothing at start-up.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from lineage.cli.errors import DONE, UNAVAILABLE, USAGE, Failure

if TYPE_CHECKING:
    from neo4j import Driver
    from pydantic import BaseModel

    from lineage.answers import IndicatorSummary
    from lineage.connection import Target

#: C0 and C1 control characters (ESC starts ANSI sequences; C1 CSI does too on some terminals),
#: DEL, and the bidirectional overrides that make text display in another order than it reads.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Text from the data as a terminal shows it harmlessly: control characters and escape
    sequences written out (`\\x1b[31m`), not executed; None as an empty cell."""
    if text is None:
        return ""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def safe_lines(text: str) -> str:
    """A message of several lines, each shown `safe`ly (a name in it cannot break out of its line)."""
    return "\n".join(safe(line) for line in text.split("\n"))


@contextmanager
def connected(instance: str | None) -> Iterator[tuple[Driver, Target]]:
    """A driver for the Neo4j the settings name (or the local `instance`), closed afterwards."""
    from lineage.connection import open_driver, resolve_target
    from lineage.settings import get_settings

    target = resolve_target(get_settings(), instance)
    if target.local and not target.local.status().running:
        start = "lineage db start" + ("" if target.local.instance == "main" else f" --instance {target.local.instance}")
        raise Failure(
            f"the local Neo4j ('{target.local.instance}') is not running; start it with `{start}`"
            " or point NEO4J_URI at a server",
            UNAVAILABLE,
        )
    from neo4j.exceptions import ConfigurationError

    try:
        driver = open_driver(target)
    except ConfigurationError as exc:  # the settings' fault (NEO4J_URI without a scheme), not a bug
        raise Failure(f"NEO4J_URI ({target.uri!r}) is not a URI the Neo4j driver takes: {exc}", UNAVAILABLE) from None
    try:
        driver.verify_connectivity()  # fails at once; a query would be retried for seconds first
        yield driver, target
    finally:
        driver.close()


def resolve_or_fail(driver: Driver, ref: str, database: str | None) -> IndicatorSummary:
    """The indicator a person typed (id, name or part of a name), or a Failure listing candidates."""
    from lineage import errors, indicators

    try:
        return indicators.resolve_indicator(driver, ref, database=database)
    except (errors.NotFound, errors.Ambiguous) as exc:
        raise Failure(str(exc)) from None


def print_json(model: BaseModel) -> None:
    click.echo(model.model_dump_json(indent=2, by_alias=True))


M = TypeVar("M", bound="BaseModel")


def answered(answer: M, as_json: bool, print_text: Callable[[M], None]) -> int:
    """Show `answer`: as JSON (the API's model) with `--json`, else as `print_text` writes it."""
    if as_json:
        print_json(answer)
    else:
        print_text(answer)
    return DONE


#: The lists of a paged answer that its pages split: joined when pages are merged.
_SPLIT_BY_PAGES = ("items", "nodes", "edges")


def pages(ask: Callable[[str | None], M], cursor: str | None, every_page: bool) -> M:
    """The page that `cursor` names (the first without one); with `every_page`, that page and
    every one after it as ONE answer: the pages' lists joined in order, the counts of the first,
    no next_cursor. (Links between items of two different pages are in no page's `edges`: a
    caller that merges an answer with edges states so.)"""
    found = [ask(cursor)]
    while every_page and vars(found[-1])["next_cursor"]:
        found.append(ask(vars(found[-1])["next_cursor"]))
    if len(found) == 1:
        return found[0]
    joined = {
        name: [item for page in found for item in vars(page)[name]]
        for name in _SPLIT_BY_PAGES
        if name in vars(found[0])
    }
    return found[0].model_copy(update={**joined, "next_cursor": None})


def print_more(answer: BaseModel, what: str = "") -> None:
    """The line that tells how to go on from a page that is not the last."""
    cursor = vars(answer).get("next_cursor")
    if cursor:
        click.echo(f"\n{what}more: --cursor {cursor}  (or --all)")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain aligned table of data shown `safe`ly; the last column is left unpadded (long names)."""
    cells = [list(headers)] + [[safe(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers) - 1)]
    for n, row in enumerate(cells):
        line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:-1]))
        click.echo(f"{line}  {row[-1]}".rstrip())
        if n == 0:
            click.echo("  ".join("-" * w for w in widths) + "  " + "-" * min(40, max(len(r[-1]) for r in cells)))


def eprint(message: str) -> None:
    """Progress and notes go to standard error, so standard output stays the answer alone."""
    click.echo(message, err=True)


class ProgressPrinter:
    """Prints a line per step, and for long counted steps every ~10%, so a big load is visibly
    alive: the one `lineage.progress.Progress` printer of every command."""

    def __init__(self, indent: str = "") -> None:
        self.started = time.monotonic()
        self.last: dict[str, int] = {}
        self.indent = indent

    def __call__(self, what: str, done: int | None = None, total: int | None = None, /) -> None:
        if done is None or total is None:
            eprint(f"{self.indent}{what}")
            return
        tenth = (10 * done) // max(total, 1)
        if done == total or tenth > self.last.get(what, -1):
            self.last[what] = tenth
            eprint(f"  {what:<16} {done:>9,}/{total:,}  ({time.monotonic() - self.started:.1f}s)")


def write_atomically(path: Path, data: bytes) -> Path:
    """Write beside the target and rename: a reader never sees half a file (a drawing, an export).
    Every file a command writes goes through here, so that a place that cannot be written (a
    folder that cannot be made, no permission, a full disk) is bad usage naming the file, never
    an internal error."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise Failure(f"cannot write {safe(path)}: {exc.strerror or exc}", USAGE) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes it private; a drawing is for sharing
        os.replace(temp, path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise Failure(f"cannot write {safe(path)}: {exc.strerror or exc}", USAGE) from None
        raise
    return path
