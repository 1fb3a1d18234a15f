"""Serving findings page by page: filters, a keyset cursor, and findings kept per load.

Why keep them: auditing a cascade of 100,000 indicators takes seconds, and a client pages
through its findings in many requests. Findings are a function of a cascade's load, so they are
kept per (cascade, load): a new load of the cascade is a new key and is audited afresh, and loads
that no longer answer are forgotten. (Data written into the graph other than by `lineage load`
is not seen until the cascade is loaded again.)
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterable

from neo4j import Driver

from lineage.audit.build import sort_key
from lineage.audit.database import audit_loaded, loaded_cascades
from lineage.audit.findings import AuditPage, Finding
from lineage.audit.rules import RULE_ORDER, Category, Severity
from lineage.queries import BadCursor, decode_cursor, encode_cursor

MAX_PAGE = 500


def select(
    findings: Iterable[Finding], *, rules: Iterable[str] | None = None, severities: Iterable[Severity] | None = None,
    category: Category | None = None, min_score: float | None = None,
) -> list[Finding]:
    """The findings that pass every filter given (None: no filter); `min_score` keeps findings
    without a score (not duplicates) and duplicates at least that alike."""
    rules = set(rules) if rules else None
    severities = set(severities) if severities else None
    return [
        f for f in findings
        if (rules is None or f.rule in rules) and (severities is None or f.severity in severities)
        and (category is None or f.category is category)
        and (min_score is None or f.score is None or f.score >= min_score)
    ]


def page(findings: list[Finding], *, limit: int, cursor: str | None = None) -> AuditPage:
    """One page of `findings` (sorted by `build.sort_key`) after the finding `cursor` names."""
    limit = max(1, min(limit, MAX_PAGE))
    keys = [sort_key(f) for f in findings]
    start = bisect_right(keys, _after(cursor)) if cursor else 0
    items = findings[start : start + limit]
    more = start + limit < len(findings)
    next_cursor = encode_cursor({"k": "audit", "after": list(sort_key(items[-1]))}) if more else None
    return AuditPage(items=items, total=len(findings), next_cursor=next_cursor)


def _after(cursor: str) -> tuple:
    after = decode_cursor(cursor, "audit").get("after")
    if not (isinstance(after, list) and len(after) == 4 and all(isinstance(x, (int, float)) for x in after[:3])
            and isinstance(after[3], str) and after[1] in RULE_ORDER.values()):
        raise BadCursor("the cursor is not one this server handed out")
    return tuple(after)


class AuditCache:
    """The findings of each loaded cascade, per (cascade id, load id); safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._findings: dict[tuple[str, str], list[Finding]] = {}

    def findings(self, driver: Driver, *, cascade: str | None = None, database: str | None = None) -> list[Finding]:
        """Every finding of the loaded cascades (or of `cascade`), in `build.sort_key` order."""
        loaded = loaded_cascades(driver, cascade=cascade, database=database)
        out: list[Finding] = []
        with self._lock:  # one audit at a time: two requests for a new load audit it once
            if cascade is None:  # forget cascades that are no longer loaded
                current = {(a.id, a.load) for a in loaded}
                self._findings = {k: v for k, v in self._findings.items() if k in current}
            for audited in loaded:
                key = (audited.id, audited.load)
                if key not in self._findings:
                    self._findings = {k: v for k, v in self._findings.items() if k[0] != audited.id}
                    self._findings[key] = audit_loaded(driver, audited, database=database)[1]
                out += self._findings[key]
        return sorted(out, key=sort_key)
