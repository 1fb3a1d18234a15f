"""Checking a source before loading it, offline: everything `lineage import` reads (cascade
files, sheets, table folders and zips, SQL dumps, SIPD lists) validated, audited or converted to
the cascade format, with the same options, with no database.

Why here and not in the audit: the audit judges cascades; what a spreadsheet or an export holds
becomes cascades only through the import (`import_source`), so a check that read files its own
way could pass a sheet the import refuses, or judge a sheet other than the one that loads. The
audit of several cascades read together (a region's goals and its agencies) counts the links
between them as the database will (`audit_cascades`), so it finds what the database audit finds
once they are loaded.
"""

from __future__ import annotations

import json
from pathlib import Path

from lineage.audit.findings import AuditReport
from lineage.audit.offline import audit_cascades
from lineage.cascade import Cascade, CascadeFileError, parse_cascade
from lineage.cascade.writer import dump_cascade
from lineage.importers.plan import FIX_SOURCE
from lineage.importers.read import Imported, ImportOptions, import_source
from lineage.importers.report import refused
from lineage.importers.sipd import is_sipd


def validate_source(name: str, content: bytes | None = None, options: ImportOptions | None = None) -> Imported:
    """The cascades `name` holds and the import's report; `ImportRefused` says what is wrong."""
    return import_source(name, content, options)


def audit_source(name: str, content: bytes | None = None, options: ImportOptions | None = None) -> AuditReport:
    """The audit of what `name` would load. A cascade file with a cycle is audited (the cycle is
    a finding), though it cannot be loaded; anything else must import."""
    cascade = _cascade_file_with_cycles(name, content)
    if cascade is not None:
        return audit_cascades([cascade])
    return audit_cascades(import_source(name, content, options).cascades)


def convert_source(
    name: str, content: bytes | None = None, options: ImportOptions | None = None, *, as_json: bool = False
) -> list[tuple[Cascade, str]]:
    """Each cascade of the import with its text in the cascade format (YAML, or JSON), the region's first."""
    imported = import_source(name, content, options)
    comment = f"Converted by `lineage convert` from {name}. The format: docs/cascade-format.md"
    return [(cascade, dump_cascade(cascade, comment, as_json=as_json)) for cascade in imported.cascades]


def _cascade_file_with_cycles(name: str, content: bytes | None) -> Cascade | None:
    """A cascade file read as the audit reads one (cycles allowed); None for other sources."""
    suffix = Path(name).suffix.lower()
    if suffix not in (".yaml", ".yml", ".json") or (content is None and Path(name).is_dir()):
        return None
    try:
        raw = content if content is not None else Path(name).read_bytes()
        text = raw.decode("utf-8")
        if suffix == ".json" and is_sipd(json.loads(text)):
            return None
        return parse_cascade(text, name, refuse_cycles=False)
    except CascadeFileError as exc:
        raise refused(name, "cascade", exc.problems, FIX_SOURCE) from None
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # the import says what is wrong with it, the same way for every command
