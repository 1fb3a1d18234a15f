"""Query parameters that scope a question: which agency, which period, which version.

A region's agencies and several plan periods live side by side; reporting tools ask about one
agency's cascade, one period, or a kept older version of a cascade.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from lineage import versions
from lineage.api.deps import Database

#: A year 1900-2200 (what lineage.cascade.model accepts), or two of them: so that a period the
#: document calls valid is one the API reads; only a reversed one is refused later (`bad_period`).
_YEAR = r"(19\d\d|2[01]\d\d|2200)"
PERIOD_PATTERN = rf"^\s*{_YEAR}(\s*[-–/]\s*{_YEAR})?\s*$"

AgencyQuery = Annotated[
    str | None, Query(max_length=200, description="Only this agency's (OPD) cascades; case and accents are ignored.")
]
PeriodQuery = Annotated[
    str | None,
    Query(
        max_length=20,
        pattern=PERIOD_PATTERN,
        description='Only cascades whose period overlaps this one: "2025" or "2025-2029".',
    ),
]
VersionQuery = Annotated[
    str | None,
    Query(max_length=100, description='A version label or load id; default (or "current"): the current version.'),
]


def load_for(db: Database, indicator_or_cascade_id: str, version: str | None) -> str | None:
    """The load to read for `version` of the cascade an id belongs to (None: the current one)."""
    cascade_id = indicator_or_cascade_id.split(":", 1)[0]
    return versions.version_load(db.driver, cascade_id, version, database=db.name)
