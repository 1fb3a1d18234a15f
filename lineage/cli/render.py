"""`lineage render`: the cascade, or one indicator's roll-up, as SVG and PNG files to print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lineage.cli.common import connected, eprint, resolve_or_fail, safe, write_atomically
from lineage.cli.errors import DONE, UNAVAILABLE, Failure
from lineage.cli.options import LazyChoice, instance_option, json_option

if TYPE_CHECKING:
    from neo4j import Driver

    from lineage.render import Format


def _papers() -> list[str]:
    from lineage.render import Paper

    return [p.value for p in Paper]


def _formats(ctx: click.Context, param: click.Parameter, text: str) -> list[Format]:
    from lineage.render import Format

    try:
        return [Format(part.strip().lower()) for part in text.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter("formats are svg, png, or svg,png") from None


@click.command()
@click.argument("cascade", required=False, metavar="[CASCADE_ID]")
@click.option("--indicator", metavar="NAME_OR_ID", help="draw this indicator's lineage instead")
@click.option("--out", type=click.Path(path_type=Path), help="file name without extension (default: the id drawn)")
@click.option("--format", "formats", default="svg,png", show_default=True, callback=_formats, help="svg, png or both")
@click.option("--paper", type=LazyChoice(_papers), default="a3", show_default=True, help="landscape paper size")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="language of the labels")
@json_option
@instance_option
def render(
    cascade: str | None,
    indicator: str | None,
    out: Path | None,
    formats: list[Format],
    paper: str,
    lang: str,
    as_json: bool,
    instance: str | None,
) -> int:
    """Draw a cascade or a lineage as SVG/PNG to print.

    The drawing is fitted to an A3 or A4 landscape page.
    Writes STEM.svg and STEM.png. Without --indicator: the whole cascade (the only one loaded, or
    CASCADE_ID), a row per level and owner's tier (Walikota, Bupati or Gubernur, Kepala Dinas,
    Eselon III, Eselon IV, JAFUNG/STAF). With it: that indicator, everything that rolls up into
    it, and every path from it to the top.
    """
    from lineage import errors
    from lineage.render import GraphvizMissing, Paper, RenderFailed, TooBig, cascade_diagram, lineage_diagram
    from lineage.render import render as draw

    with connected(instance) as (driver, target):
        try:
            if indicator:
                found = resolve_or_fail(driver, indicator, target.database)
                diagram = lineage_diagram(driver, found.id, database=target.database)
                stem = out or Path(f"{found.cascade}-{found.local_id}")
            else:
                cascade_id = cascade or _only_cascade(driver, target.database)
                diagram = cascade_diagram(driver, cascade_id, database=target.database)
                stem = out or Path(cascade_id)
        except (errors.NotFound, TooBig) as exc:
            raise Failure(str(exc)) from None
    try:
        rendered = draw(diagram, formats, paper=Paper(paper), lang=lang)
    except GraphvizMissing as exc:
        raise Failure(str(exc), UNAVAILABLE) from None
    except RenderFailed as exc:
        raise Failure(str(exc)) from None
    stem = stem.with_suffix("") if stem.suffix in (".svg", ".png") else stem
    written = [write_atomically(stem.parent / f"{stem.name}.{fmt.value}", data) for fmt, data in rendered.files.items()]
    if as_json:
        click.echo(
            json.dumps(
                {
                    "files": [str(p) for p in written],
                    "paper": rendered.paper.value,
                    "scale": rendered.scale,
                    "smallest_text_pt": rendered.smallest_text_pt,
                    "readable": rendered.readable,
                },
                indent=2,
            )
        )
    else:
        click.echo(f"wrote {', '.join(safe(p) for p in written)}: {rendered.describe()}")
    if not rendered.readable:
        bigger = "print on A3 (--paper a3), or " if rendered.paper is Paper.a4 else ""
        eprint(f"hint: {bigger}draw one indicator's lineage (--indicator NAME)")
    return DONE


def _only_cascade(driver: Driver, database: str | None) -> str:
    from lineage import cascades

    page = cascades.list_cascades(driver, limit=2, database=database)
    if not page.items:
        raise Failure("no cascade is loaded: load one first (`lineage load FILE` or `lineage import FILE`)")
    if len(page.items) > 1:
        loaded = ", ".join(c.id for c in page.items) + (", ..." if page.next_cursor else "")
        raise Failure(
            f"name the cascade to draw: `lineage render CASCADE_ID` (loaded: {loaded}; `lineage cascades` lists them)"
        )
    return page.items[0].id
