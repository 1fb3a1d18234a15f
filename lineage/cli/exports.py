"""`lineage export`: what planners hand in and auditors read, as files: the matriks cascading or
the Renstra table (XLSX), the cascade diagram or one indicator's lineage (PDF), the audit report
(PDF)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lineage.cli.common import connected, eprint, resolve_or_fail, safe, write_atomically
from lineage.cli.errors import DONE, UNAVAILABLE, USAGE, Failure
from lineage.cli.options import instance_option, json_option

if TYPE_CHECKING:
    from neo4j import Driver

    from lineage.cascade.model import Cascade
    from lineage.export.matrix import Layout
    from lineage.export.pdf import Heading
    from lineage.language import Lang

KINDS = ["matrix", "renstra", "diagram", "audit"]
SUFFIX = {"matrix": "xlsx", "renstra": "xlsx", "diagram": "pdf", "audit": "pdf"}


@click.command()
@click.argument("source", required=False, metavar="[CASCADE_ID_OR_FILE]")
@click.option("--kind", type=click.Choice(KINDS), default="matrix", show_default=True, help="what to export")
@click.option("--indicator", metavar="NAME_OR_ID", help="diagram: this indicator's lineage instead of the cascade")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="file to write")
@click.option(
    "--paper", type=click.Choice(["a4", "a3"]), default="a3", show_default=True, help="diagram: landscape paper"
)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="language of the words")
@json_option
@instance_option
def export(
    source: str | None,
    kind: str,
    indicator: str | None,
    output: Path | None,
    paper: str,
    lang: str,
    as_json: bool,
    instance: str | None,
) -> int:
    """Write the matriks cascading, the Renstra table, a diagram or the audit report to a file.

    SOURCE is a loaded cascade's id, or a cascade file (matrix, renstra and audit read it offline,
    before it is loaded). --kind matrix (XLSX, default), renstra (XLSX, table T-C.27: needs
    codes), diagram (PDF, one A3/A4 landscape page; --indicator for one lineage), audit (PDF).
    What the file cannot hold is said on standard error. Files are written whole or not at all.
    """
    from lineage.language import Lang

    if indicator and kind != "diagram":
        raise Failure("--indicator draws a lineage: use it with --kind diagram", USAGE)
    if not (source or indicator):
        raise Failure("name the cascade (its id, or a cascade file) to export", USAGE)
    file = Path(source) if source and Path(source).is_file() else None
    if file and kind == "diagram":
        raise Failure("a diagram is drawn from a loaded cascade: load the file first, then export its id", USAGE)
    printed = datetime.now(UTC).date().isoformat()
    if file:
        content, notes, stem = _offline(file, kind, Lang(lang), printed)
    else:
        with connected(instance) as (driver, target):
            content, notes, stem = _from_database(
                driver, target.database, source, indicator, kind, Lang(lang), paper, printed
            )
    path = output or Path(f"{stem}.{SUFFIX[kind]}")
    write_atomically(path, content)
    for note in notes:
        eprint(f"note: {note}")
    if as_json:
        click.echo(json.dumps({"file": str(path), "kind": kind, "bytes": len(content), "notes": notes}, indent=2))
    else:
        click.echo(f"wrote {safe(path)} ({kind}, {len(content):,} bytes)")
    return DONE


def _offline(file: Path, kind: str, lang: Lang, printed: str) -> tuple[bytes, list[str], str]:
    from lineage.audit.offline import audit_report
    from lineage.cascade import CascadeFileError, read_cascade
    from lineage.export.matrix import limits, matrix_workbook
    from lineage.export.pdf import audit_pdf

    try:
        cascade = read_cascade(file)
    except CascadeFileError as exc:
        raise Failure(f"{exc}\nNothing was exported.") from None
    if kind == "audit":
        return audit_pdf(audit_report(cascade), _heading(cascade, printed), lang), [], f"{cascade.id}-audit"
    layout: Layout = "renstra" if kind == "renstra" else "matrix"
    content = matrix_workbook([cascade], lang=lang, printed=printed, layout=layout)
    return content, limits(cascade, layout), f"{cascade.id}-{layout}"


def _heading(cascade: Cascade, printed: str) -> Heading:
    from lineage.export.pdf import Heading

    return Heading(cascade.agency, cascade.region, str(cascade.period), cascade.version, printed)


def _from_database(
    driver: Driver,
    database: str | None,
    source: str | None,
    indicator: str | None,
    kind: str,
    lang: Lang,
    paper: str,
    printed: str,
) -> tuple[bytes, list[str], str]:
    from lineage.audit.database import UnknownCascade, audit_database, loaded_cascades
    from lineage.errors import NotFound
    from lineage.export.loaded import read_loaded
    from lineage.export.matrix import limits, matrix_workbook
    from lineage.export.pdf import audit_pdf
    from lineage.render import Format, GraphvizMissing, Paper, RenderFailed, TooBig, cascade_diagram, lineage_diagram
    from lineage.render import render as draw

    try:
        if kind == "diagram":
            if indicator:
                found = resolve_or_fail(driver, indicator, database)
                diagram, stem = (
                    lineage_diagram(driver, found.id, database=database),
                    f"{found.cascade}-{found.local_id}",
                )
            else:
                assert source is not None
                diagram, stem = cascade_diagram(driver, source, database=database), source
            diagram.printed = printed
            rendered = draw(diagram, [Format.pdf], paper=Paper(paper), lang=lang.value)
            return rendered.files[Format.pdf], [rendered.describe()], stem
        assert source is not None
        cascade = read_loaded(driver, source, database=database)
        if kind == "audit":
            report = audit_database(driver, cascade=source, database=database)
            return audit_pdf(report, _heading(cascade, printed), lang), [], f"{source}-audit"
        layout: Layout = "renstra" if kind == "renstra" else "matrix"
        others = {e.external_parent.split(":", 1)[0] for e in cascade.elements if e.external_parent}
        loaded = {c.id for c in loaded_cascades(driver, database=database)}
        context = [read_loaded(driver, other, database=database) for other in sorted(others & loaded)]
        content = matrix_workbook([cascade], context=context, lang=lang, printed=printed, layout=layout)
        return content, limits(cascade, layout), f"{source}-{layout}"
    except (NotFound, UnknownCascade, TooBig, RenderFailed) as exc:
        raise Failure(str(exc)) from None
    except GraphvizMissing as exc:
        raise Failure(str(exc), UNAVAILABLE) from None
