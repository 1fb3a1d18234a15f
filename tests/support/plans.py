"""What a PROFILEd statement did, operator by operator: for the tests that bound a statement's work
(db hits, index seeks rather than scans)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Operator:
    #: the operator without Neo4j's runtime suffix ("NodeIndexSeek", not "NodeIndexSeek@neo4j")
    name: str
    details: str
    db_hits: int


def operators(plan: Mapping[str, Any]) -> list[Operator]:
    """The operators of a profiled plan (`ResultSummary.profile`) and of all its children."""
    here = Operator(plan["operatorType"].split("@")[0], plan.get("args", {}).get("Details", ""), plan.get("dbHits", 0))
    return [here, *(op for child in plan.get("children", []) for op in operators(child))]


def db_hits(plan: Mapping[str, Any]) -> int:
    return sum(op.db_hits for op in operators(plan))
