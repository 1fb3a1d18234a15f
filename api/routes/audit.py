"""The audit: findings of the loaded cascades, filtered and paged; the rules themselves.

The JSON shape of a finding is documented in docs/audit.md (the UI badges boxes by its node ids).
Messages, fixes and rule titles come in Indonesian (the default) or English: `lang=` or
`Accept-Language`. The lists of findings also come as formula-safe CSV (`format=csv`).
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, fields
from types import GenericAlias
from typing import Annotated, Any, Literal, get_type_hints

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, create_model

from lineage.api.cursors import route_question
from lineage.api.deps import DatabaseDep
from lineage.api.negotiation import CSV_CONTENT, Format, FormatQuery, LangDep, csv_response, next_page_url, wants_csv
from lineage.api.scope import PAGED
from lineage.audit.build import generic
from lineage.audit.findings import AuditPage, Finding
from lineage.audit.formats import csv_rows
from lineage.audit.rules import RULE_IDS, RULES, Category, Rule, Severity, Wording
from lineage.audit.service import AuditCache, page, select
from lineage.audit.similarity import LOWEST_SCORE
from lineage.language import Lang
from lineage.paging import MAX_CURSOR, MAX_PAGE
from lineage.pins import Pin

router = APIRouter(prefix="/audit", tags=["audit"])

RuleId = Literal[RULE_IDS]  # type: ignore[valid-type]  # the registry's ids, as an enum in OpenAPI
CascadeId = Annotated[str | None, Query(max_length=100, description="Only this cascade.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Findings per page.")]
Cursor = Annotated[str | None, Query(max_length=MAX_CURSOR, description="`next_cursor` of the previous page.")]

_cache_lock = threading.Lock()
#: `cascade` names no loaded cascade (UnknownCascade).
UNKNOWN_CASCADE: dict[int | str, dict[str, Any]] = {
    404: {"description": "`not_found`: no loaded cascade has the id given as `cascade`."},
    **CSV_CONTENT,
}


#: What GET /audit/rules says of the wording's fields beyond their names (OpenAPI).
_WORDING_NOTES = {
    "description": "What the rule checks.",
    "message": "What a finding of this rule says, its particulars named in general words.",
    "fix": "The fix a finding of this rule suggests, its particulars named in general words.",
}


def _one_language(rule: type[Rule], wording: type[Wording]) -> type[BaseModel]:
    """A rule as GET /audit/rules serves it, built from the registry's own declarations: the
    rule's fields but its wordings, and in their place the fields of one wording (the language
    asked for). A field added to `Rule` or `Wording` is served, and documented, without a copy here."""
    own, worded = get_type_hints(rule), get_type_hints(wording)
    kept: dict[str, Any] = {f.name: (own[f.name], ...) for f in fields(rule) if own[f.name] is not wording}
    words: dict[str, Any] = {
        f.name: (worded[f.name], Field(description=_WORDING_NOTES.get(f.name))) for f in fields(wording)
    }
    return create_model("RuleInfo", **kept, **words)


RuleInfo = _one_language(Rule, Wording)


def _findings(request: Request, db: DatabaseDep, cascade: str | None) -> tuple[list[Finding], frozenset[Pin]]:
    """The findings of the loaded cascades, kept until a cascade is loaded or deleted (`AuditCache`),
    with the loads they were read from (a cursor is bound to them)."""
    with _cache_lock:
        if not hasattr(request.app.state, "audit_cache"):
            request.app.state.audit_cache = AuditCache()
    cache: AuditCache = request.app.state.audit_cache
    return cache.findings_and_state(db.driver, cascade=cascade, database=db.name)


def cached_findings(request: Request, db: DatabaseDep, cascade: str | None) -> list[Finding]:
    """The findings alone, for answers that page nothing (the report, the exports)."""
    return _findings(request, db, cascade)[0]


def _answer(request: Request, found: AuditPage, lang: Lang, format: Format | None) -> AuditPage | Response:
    """The page in `lang`, as JSON or (asked for) as CSV."""
    found = found.model_copy(update={"items": [f.in_language(lang) for f in found.items]})
    if wants_csv(request, format):
        return csv_response(
            csv_rows(found.items, lang),
            filename="audit",
            lang=lang,
            next_url=next_page_url(request, found.next_cursor),
            total=found.total,
        )
    return found


@dataclass
class _Listing:
    """What every list of findings takes besides its own filters (a dependency, so each route
    declares them once, and OpenAPI lists them as query parameters)."""

    cascade: CascadeId = None
    limit: Limit = 100
    cursor: Cursor = None
    format: FormatQuery = None


ListingDep = Annotated[_Listing, Depends()]


def _listed(request: Request, db: DatabaseDep, lang: Lang, listing: _Listing, **chosen: Any) -> AuditPage | Response:
    """A page of the findings `select` keeps for `chosen` (the route's filters), its cursor bound
    to the route, the cascade and those filters."""
    found, state = _findings(request, db, listing.cascade)
    question = route_question(request, cascade=listing.cascade, **chosen)
    listed = page(select(found, **chosen), limit=listing.limit, cursor=listing.cursor, question=question, state=state)
    return _answer(request, listed, lang, listing.format)


@router.get(
    "",
    response_model=AuditPage,
    name="list_findings",
    summary="Every finding, filtered and paged",
    responses={**PAGED, **UNKNOWN_CASCADE},
)
def list_findings(
    request: Request,
    db: DatabaseDep,
    lang: LangDep,
    listing: ListingDep,
    rule: Annotated[list[RuleId] | None, Query(description="Only these rules (repeat the parameter).")] = None,
    severity: Annotated[list[Severity] | None, Query(description="Only these severities.")] = None,
) -> AuditPage | Response:
    return _listed(request, db, lang, listing, rules=rule, severities=severity)


@router.get(
    "/orphans",
    response_model=AuditPage,
    name="list_orphans",
    summary="Elements and indicators that contribute to nothing, measure nothing, or nothing supports",
    responses={**PAGED, **UNKNOWN_CASCADE},
)
def list_orphans(request: Request, db: DatabaseDep, lang: LangDep, listing: ListingDep) -> AuditPage | Response:
    return _listed(request, db, lang, listing, category=Category.orphans)


@router.get(
    "/duplicates",
    response_model=AuditPage,
    name="list_duplicates",
    summary="Duplicate, near-duplicate and copied-down indicators, most alike first",
    responses={**PAGED, **UNKNOWN_CASCADE},
)
def list_duplicates(
    request: Request,
    db: DatabaseDep,
    lang: LangDep,
    listing: ListingDep,
    min_score: Annotated[
        float,
        Query(
            ge=LOWEST_SCORE,
            le=1.0,
            description=(
                f"Only findings at least this alike: {LOWEST_SCORE} (every word matched, some mistyped) to 1 (the same words)."
            ),
        ),
    ] = LOWEST_SCORE,
) -> AuditPage | Response:
    return _listed(request, db, lang, listing, category=Category.duplicates, min_score=min_score)


# GenericAlias: list[RuleInfo] written so a type checker accepts a model built at import time
@router.get(
    "/rules",
    response_model=GenericAlias(list, (RuleInfo,)),
    name="list_audit_rules",
    summary="The rules the audit checks",
)
def list_audit_rules(lang: LangDep) -> list[BaseModel]:
    """Every rule in `lang`; its message and fix with their particulars named in general words
    ("the level above"), never as a `{placeholder}`."""
    served = []
    for rule in RULES:
        words = asdict(rule.words(lang))
        words |= {"message": generic(words["message"], lang), "fix": generic(words["fix"], lang)}
        served.append(RuleInfo.model_validate(asdict(rule) | words))  # its two wordings: not fields, left out
    return served
