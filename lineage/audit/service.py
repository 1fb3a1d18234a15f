"""Serving findings page by page: filters, a keyset cursor, and the findings kept between requests.

Why keep them: auditing a cascade of 100,000 indicators takes about 36 s, and a client pages
through its findings in many requests. Why they are kept for the whole database state, not per
cascade: a cascade's findings depend on its own load *and* on the links other cascades make into
it (an RPJMD goal is childless, and a sasaran's indicator unsupported, until an agency's load
links into them, or again after that agency is deleted). So what is kept is valid only while the
set of (cascade, active load) pairs stays the same; that set is read in one small query per
request, and any change (a load, a reload, a delete) forgets everything kept. Load ids are never
reused, so a set that has been left never comes back, and findings read while a load or delete was
under way are never served under the set that follows it. (Data written into the graph other than
by the loader is not seen until some cascade is loaded or deleted.)
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from neo4j import Driver

from lineage.audit.build import sort_key
from lineage.audit.database import audit_loaded, chosen, loaded_cascades
from lineage.audit.findings import AuditPage, CascadeAudited, Finding
from lineage.audit.rules import Category, Severity
from lineage.errors import BadCursor, CursorExpired, ReloadRace
from lineage.paging import make_cursor, open_cursor, page_size
from lineage.pins import ATTEMPTS, Pin, digest


def select(
    findings: Iterable[Finding],
    *,
    rules: Iterable[str] | None = None,
    severities: Iterable[Severity] | None = None,
    category: Category | None = None,
    min_score: float | None = None,
) -> list[Finding]:
    """The findings that pass every filter given (None: no filter); `min_score` keeps findings
    without a score (not duplicates) and duplicates at least that alike."""
    rules = set(rules) if rules else None
    severities = set(severities) if severities else None
    return [
        f
        for f in findings
        if (rules is None or f.rule in rules)
        and (severities is None or f.severity in severities)
        and (category is None or f.category is category)
        and (min_score is None or f.score is None or f.score >= min_score)
    ]


def page(
    findings: list[Finding],
    *,
    limit: int,
    cursor: str | None = None,
    question: str = "",
    state: frozenset[Pin] = frozenset(),
) -> AuditPage:
    """One page of `findings` (sorted by `build.sort_key`) after the finding `cursor` names. The
    cursor is bound to `question` (the route and its filters) and to `state`, the loads the
    findings were read from: once any cascade is reloaded, its findings may differ, and a cursor of
    the old state is refused (CursorExpired) rather than paging across two states."""
    limit = page_size(limit)
    keys = [sort_key(f) for f in findings]
    start = bisect_right(keys, _after(open_cursor(question, cursor), state)) if cursor else 0
    items = findings[start : start + limit]
    more = start + limit < len(findings)
    next_cursor = make_cursor(question, {"d": digest(state), "k": list(sort_key(items[-1]))}) if more else None
    return AuditPage(items=items, total=len(findings), next_cursor=next_cursor)


def _after(payload: dict[str, Any], state: frozenset[Pin]) -> tuple[Any, ...]:
    if payload.get("d") != digest(state):
        raise CursorExpired("cascades were loaded or deleted since this cursor was handed out; start again")
    after = payload.get("k")
    if not (isinstance(after, list) and len(after) == 4):
        raise BadCursor("the cursor is not one this server handed out")
    return tuple(after)


#: At most this many findings are kept: about 5 KB each in memory (measured on a generated cascade),
#: so about 250 MB; the 100,000-indicator benchmark cascade has 1,786. A cascade whose findings
#: would pass the bound is served but not kept: it is audited again on the next request.
MAX_KEPT_FINDINGS = 50_000


class AuditCache:
    """The findings of the loaded cascades, kept while no cascade's active load changes (see the
    module docstring); safe to share between threads."""

    def __init__(self, max_findings: int = MAX_KEPT_FINDINGS) -> None:
        self._lock = threading.Lock()
        self._max_findings = max_findings
        self._state: tuple[str | None, frozenset[tuple[str, str]]] | None = None
        self._findings: dict[str, list[Finding]] = {}

    def findings(self, driver: Driver, *, cascade: str | None = None, database: str | None = None) -> list[Finding]:
        """Every finding of the loaded cascades (or of `cascade`), in `build.sort_key` order."""
        return self.findings_and_state(driver, cascade=cascade, database=database)[0]

    def findings_and_state(
        self, driver: Driver, *, cascade: str | None = None, database: str | None = None
    ) -> tuple[list[Finding], frozenset[Pin]]:
        """The findings, and the loads (cascade, load) they were read from."""
        with self._lock:  # one audit at a time: two requests for a new state audit it once
            for _ in range(ATTEMPTS):
                loaded = loaded_cascades(driver, database=database)
                pins = frozenset((a.id, a.load or "") for a in loaded)
                if (database, pins) != self._state:
                    self._state, self._findings = (database, pins), {}
                try:
                    return sorted(self._audit(driver, chosen(loaded, cascade), database), key=sort_key), pins
                except CursorExpired:
                    continue  # a load deleted while it was read: the state has changed, read it again
        raise ReloadRace(f"the cascades were reloaded during each of {ATTEMPTS} attempts to audit them; try again")

    def _audit(self, driver: Driver, cascades: list[CascadeAudited], database: str | None) -> list[Finding]:
        out: list[Finding] = []
        for audited in cascades:
            found = self._findings.get(audited.id)
            if found is None:
                found = audit_loaded(driver, audited, database=database)[1]
                if sum(map(len, self._findings.values())) + len(found) <= self._max_findings:
                    self._findings[audited.id] = found
            out += found
        return out
