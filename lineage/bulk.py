"""First loads at the scale of a province or a nation, through `neo4j-admin database import full`.

Why a second path. The loader writes in transactions beside the answering version, so that a
reload never shows half a cascade; that costs time a first load of 10^5-10^6 indicators into an
empty database does not need. Neo4j's offline importer writes the store files directly, several
times faster. It only fills an *empty* database of a *stopped* server, so this path is opt-in and
narrow: Lineage's own local server (the importer runs on the server's machine, from the same
Maven Central jars as the server), an empty database, a first load. Every reload goes through the
loader, which stays the default.

What it writes is what the loader writes, node for node (the same rows, `lineage.loader.Rows`):
each cascade's positions, elements and indicators tagged with a load id, its `Cascade` node
pointing at that load, and the change log's record; then, on the restarted server, the
constraints and indexes (`ensure_schema`) and the links across the cascades loaded together. A
test compares the graph with the loader's, fingerprint for fingerprint.
"""

from __future__ import annotations

import csv
import logging
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

from lineage import changes
from lineage.cascade import Cascade, CascadeLinks
from lineage.changes import Actor
from lineage.connection import Target, open_driver
from lineage.cypher import cypher
from lineage.loader import Row, Rows, cascade_properties, ensure_schema
from lineage.localdb.server import ADMIN_TOOL, LocalNeo4j, find_java
from lineage.progress import Progress, logged
from lineage.sources import Source

log = logging.getLogger(__name__)

#: Separates the items of a list property in a CSV cell: a control character no name holds.
ARRAY_DELIMITER = "\x1f"
#: The database the importer writes: the server's default one, which Lineage uses.
IMPORTED_DATABASE = "neo4j"


class BulkLoadRefused(RuntimeError):
    """The bulk path cannot be used here (not the local server, a database that is not empty, the
    importer failed); the message says why and what to do instead. Nothing was changed."""


@dataclass
class BulkReport:
    """What a bulk load wrote, and how long each step took (seconds)."""

    cascades: dict[str, str] = field(default_factory=dict)  # cascade id -> load id
    nodes: int = 0
    relationships: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def bulk_load(
    target: Target,
    cascades: list[Cascade],
    *,
    sources: Mapping[str, Source] | None = None,
    actor: Actor | None = None,
    progress: Progress | None = None,
) -> BulkReport:
    """Load `cascades` into the empty database of Lineage's own local server `target` with
    neo4j-admin (the server is stopped for the import and started again); refuse anything else.
    `sources`: the file each cascade came from, by cascade id (recorded as the loader records it)."""
    progress = progress or logged(log)
    report = BulkReport()
    started = time.monotonic()
    server = _check_empty(target)
    folder = server.home / f"bulk-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    imported = False
    try:
        progress(f"Writing the import files under {folder} ...")
        files = _write_files(folder, cascades, sources or {}, report)
        report.seconds["write files"] = time.monotonic() - started
        progress("Stopping Neo4j for the import ...")
        step = time.monotonic()
        server.stop(progress=progress)
        report.seconds["stop the server"] = time.monotonic() - step
        step = time.monotonic()
        _import(server, files, progress)
        imported = True
        report.seconds["neo4j-admin import"] = time.monotonic() - step
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if not server.status().running:
            if not imported:
                _empty_again(server, progress)
            step = time.monotonic()
            server.start(progress=progress)
            report.seconds["start the server"] = time.monotonic() - step
    step = time.monotonic()
    with open_driver(target) as driver:
        progress("Creating the constraints and indexes ...")
        ensure_schema(driver, target.database)
        with driver.session(database=target.database) as session:  # CALL {} IN TRANSACTIONS: auto-commit
            session.run(cypher("bulk_empty_lists")).consume()
        report.seconds["constraints and indexes"] = time.monotonic() - step
        step = time.monotonic()
        with driver.session(database=target.database) as session:
            session.execute_write(_link_and_record, report, changes.current(actor, "load")[0])
        report.seconds["links across, change log"] = time.monotonic() - step
    report.seconds["total"] = time.monotonic() - started
    return report


def _empty_again(server: LocalNeo4j, progress: Progress) -> None:
    """After an import that failed or was stopped (Ctrl-C, a plain kill), with the server down:
    remove what the importer may have half written, so the server starts on an empty database
    again, as the bulk load found it (it was checked empty before the server was stopped; the
    system database, with the users, is not touched) and the next bulk load can run."""
    progress("The import did not finish: emptying the database again ...")
    for part in ("databases", "transactions"):
        shutil.rmtree(server.home / "data" / part / IMPORTED_DATABASE, ignore_errors=True)


def _check_empty(target: Target) -> LocalNeo4j:
    if target.local is None:
        raise BulkLoadRefused(
            "a bulk load runs neo4j-admin next to the server's files: only for Lineage's own local server "
            "(unset NEO4J_URI), or run `neo4j-admin database import full` on the server's machine; "
            "`lineage load` works everywhere"
        )
    with open_driver(target) as driver:
        records = driver.execute_query("MATCH (n) RETURN count(n) > 0 AS data", database_=target.database).records
    if records[0]["data"]:
        raise BulkLoadRefused(
            "the database is not empty: a bulk load is only for a first load into an empty database "
            "(it writes the store afresh); load into it with `lineage load` instead"
        )
    return target.local


@dataclass
class _Files:
    nodes: list[tuple[str, Path]] = field(default_factory=list)  # (labels, file)
    relationships: list[tuple[str, Path]] = field(default_factory=list)  # (type, file)
    multiline: bool = False


def _write_files(folder: Path, cascades: list[Cascade], sources: Mapping[str, Source], report: BulkReport) -> _Files:
    """The CSV files of `cascades`, written row by row as the loader's rows are made: a
    million indicators' rows held at once would be gigabytes beside the cascades. A node file is
    made in two passes over its rows, the first for its columns and their types."""
    files = _Files()
    loaded_at = datetime.now(UTC)
    loads = {cascade.id: f"{loaded_at:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}" for cascade in cascades}
    report.cascades.update(loads)
    rows = [(Rows(cascade, CascadeLinks.of(cascade)), loads[cascade.id]) for cascade in cascades]

    def cascade_rows() -> Iterator[Row]:
        for cascade in cascades:
            yield {
                **cascade_properties(cascade, sources.get(cascade.id)),
                "id": cascade.id,
                "active_load": loads[cascade.id],
            }

    def positions() -> Iterator[Row]:
        return ({**p, "load": load} for made, load in rows for p in made.positions())

    def elements(label: str) -> Iterator[Row]:
        return (
            {**e["properties"], "load": load} for made, load in rows for e in made.elements() if e["label"] == label
        )

    def indicators() -> Iterator[Row]:
        return ({**i["properties"], "load": load} for made, load in rows for i in made.indicators())

    labels = sorted({e.kind.label for cascade in cascades for e in cascade.elements})
    files.nodes.append(("Cascade", _node_file(folder / "cascades.csv", cascade_rows, "id", "Cascade", files)))
    files.nodes.append(("Position", _node_file(folder / "positions.csv", positions, "uid", "Position", files)))
    for label in labels:
        path = folder / f"elements-{label}.csv"
        made = partial(elements, label)
        files.nodes.append((f"Element:{label}", _node_file(path, made, "uid", "Element", files)))
    files.nodes.append(("Indicator", _node_file(folder / "indicators.csv", indicators, "uid", "Indicator", files)))
    report.nodes = len(cascades) + sum(len(c.positions) + len(c.elements) + len(c.indicators) for c in cascades)

    relationships = {
        "owned-by-Element": (
            "OWNED_BY",
            "Element",
            "Position",
            ((e["properties"]["uid"], e["owner"]) for made, _ in rows for e in made.elements() if e["owner"]),
        ),
        "owned-by-Indicator": (
            "OWNED_BY",
            "Indicator",
            "Position",
            ((i["properties"]["uid"], i["owner"]) for made, _ in rows for i in made.indicators() if i["owner"]),
        ),
        "measures": (
            "MEASURES",
            "Indicator",
            "Element",
            ((i["properties"]["uid"], i["measures"]) for made, _ in rows for i in made.indicators() if i["measures"]),
        ),
        "element-links": (
            "CONTRIBUTES_TO",
            "Element",
            "Element",
            ((link["child"], link["parent"]) for made, _ in rows for link in made.element_links()),
        ),
        "indicator-links": (
            "CONTRIBUTES_TO",
            "Indicator",
            "Indicator",
            ((link["child"], link["parent"]) for made, _ in rows for link in made.indicator_links()),
        ),
    }
    for name, (kind, start, end, pairs) in relationships.items():
        path, written = _relationship_file(folder / f"{name}.csv", pairs, start, end)
        files.relationships.append((kind, path))
        report.relationships += written
    return files


def _node_file(path: Path, rows: Callable[[], Iterable[Row]], key: str, group: str, files: _Files) -> Path:
    """A node CSV: the `:ID` column (in the id space `group`), then one typed column per property.
    `rows` gives the rows afresh for each of the two passes."""
    seen: dict[str, set[type]] = {}
    for row in rows():
        for k, v in row.items():
            if v is not None:
                seen.setdefault(k, set()).add(type(v))
    columns = sorted(set(seen) - {key})  # the id column stores `key` itself
    header = [f"{key}:ID({group})"] + [f"{k}:{_type(seen[k])}" for k in columns]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows():
            cells = [_cell(row[key])] + [_cell(row.get(k)) for k in columns]
            files.multiline |= any("\n" in c or "\r" in c for c in cells)
            writer.writerow(cells)
    return path


def _relationship_file(path: Path, pairs: Iterable[tuple[str, str]], start: str, end: str) -> tuple[Path, int]:
    """The file and how many relationships it holds."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([f":START_ID({start})", f":END_ID({end})"])
        for pair in pairs:
            writer.writerow(pair)
            written += 1
    return path, written


def _type(seen: set[type]) -> str:
    """The CSV header type of a property: every value the loader would store (of the types
    `seen`) must fit it."""
    if seen <= {bool} and seen:
        return "boolean"
    if seen <= {int} and seen:
        return "long"
    if seen <= {int, float} and seen:
        return "double"
    if seen <= {list, tuple} and seen:
        return "string[]"
    return "string"


def _cell(value: Any) -> str:
    """An empty cell is no property (--ignore-empty-strings); lists join with ARRAY_DELIMITER."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


def _import(server: LocalNeo4j, files: _Files, progress: Progress) -> None:
    java = find_java(server.settings)
    classpath = server.fetch(progress)
    command = [
        str(java),
        "-cp",
        classpath,
        ADMIN_TOOL,
        "database",
        "import",
        "full",
        IMPORTED_DATABASE,  # before the file lists (each takes every path that follows it)
        "--overwrite-destination=true",
        # its report of bad rows beside the server's logs, not in whatever folder the command ran from
        f"--report-file={server.home / 'logs' / 'import.report'}",
        "--ignore-empty-strings=true",
        f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
        f"--multiline-fields={'true' if files.multiline else 'false'}",
        *[f"--nodes={labels}={path}" for labels, path in files.nodes],
        *[f"--relationships={kind}={path}" for kind, path in files.relationships],
    ]
    env = {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.home / "conf")}
    (server.home / "logs").mkdir(parents=True, exist_ok=True)
    progress("Running neo4j-admin database import full ...")
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BulkLoadRefused(
            f"neo4j-admin import failed; nothing was loaded:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    log.info("neo4j-admin import: %s", result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "done")


def _link_and_record(tx: ManagedTransaction, report: BulkReport, actor: Actor) -> None:
    """On the restarted server: the links across the cascades loaded together, and each load's
    record in the change log."""
    for cascade_id, load in report.cascades.items():
        tx.run(cypher("link_across"), cascade=cascade_id, load=load, prefix=f"{cascade_id}:").consume()
        changes.record(tx, actor, "load", cascade_id, load=load, details={"bulk": True})
