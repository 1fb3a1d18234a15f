"""`lineage render`: the cascade, or one indicator's roll-up, as SVG and PNG files to print."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from neo4j import Driver

from lineage import cascades, queries
from lineage.cli.common import Failure, connected, eprint, resolve_or_fail
from lineage.render import (
    Format,
    GraphvizMissing,
    Paper,
    RenderFailed,
    TooBig,
    cascade_diagram,
    lineage_diagram,
    render,
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "render",
        help="draw the cascade, or one indicator's lineage, as SVG and PNG (fitted to an A3/A4 landscape page)",
        description="Writes STEM.svg and STEM.png. Without --indicator: the whole cascade, a row per level and "
        "owner's tier (Walikota, Bupati or Gubernur, Kepala Dinas, Eselon III, Eselon IV, JAFUNG/STAF). With it: "
        "that indicator, everything that rolls up into it, and every path from it to the top.",
    )
    parser.add_argument("cascade", nargs="?", help="cascade id (default: the only one loaded)")
    parser.add_argument("--indicator", metavar="NAME_OR_ID", help="draw this indicator's lineage instead")
    parser.add_argument("--out", type=Path, help="file name without extension (default: the cascade or indicator id)")
    parser.add_argument(
        "--format",
        dest="formats",
        type=_formats,
        default=[Format.svg, Format.png],
        help="svg, png or svg,png (default)",
    )
    parser.add_argument("--paper", type=str.lower, choices=[p.value for p in Paper], default="a3", help="default a3")
    parser.add_argument("--lang", choices=["id", "en"], default="id", help="language of the row and box labels")
    parser.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")
    parser.set_defaults(run=_render)


def _formats(text: str) -> list[Format]:
    try:
        return [Format(part.strip().lower()) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("formats are svg, png, or svg,png") from None


def _render(args: argparse.Namespace) -> int:
    with connected(args) as (driver, target):
        try:
            if args.indicator:
                indicator = resolve_or_fail(driver, args.indicator, target.database)
                diagram = lineage_diagram(driver, indicator.id, database=target.database)
                stem = args.out or Path(f"{indicator.cascade}-{indicator.local_id}")
            else:
                cascade_id = args.cascade or _only_cascade(driver, target.database)
                diagram = cascade_diagram(driver, cascade_id, database=target.database)
                stem = args.out or Path(cascade_id)
        except (queries.NotFound, TooBig) as exc:
            raise Failure(str(exc)) from None
    try:
        rendered = render(diagram, args.formats, paper=Paper(args.paper), lang=args.lang)
    except GraphvizMissing as exc:
        raise Failure(str(exc), 3) from None
    except RenderFailed as exc:
        raise Failure(str(exc)) from None
    stem = stem.with_suffix("") if stem.suffix in (".svg", ".png") else stem
    written = [
        _write_atomically(stem.parent / f"{stem.name}.{fmt.value}", data) for fmt, data in rendered.files.items()
    ]
    print(f"wrote {', '.join(str(p) for p in written)}: {rendered.describe()}")
    if not rendered.readable:
        bigger = "print on A3 (--paper a3), or " if rendered.paper is Paper.a4 else ""
        eprint(f"hint: {bigger}draw one indicator's lineage (--indicator NAME)")
    return 0


def _only_cascade(driver: Driver, database: str | None) -> str:
    page = cascades.list_cascades(driver, limit=2, database=database)
    if len(page.items) != 1:
        loaded = ", ".join(c.id for c in page.items) or "none"
        raise Failure(f"name the cascade to draw (loaded: {loaded}{', ...' if page.next_cursor else ''})")
    return page.items[0].id


def _write_atomically(path: Path, data: bytes) -> Path:
    """Write beside the target and rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes it private; a drawing is for sharing
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
