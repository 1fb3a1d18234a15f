"""The audit of the cascades loaded in Neo4j: structural rules in Cypher, on the active load only.

Each cascade is read in one read transaction: its facts (`audit_nodes`, `audit_indicator_links`)
and the structural detections (`audit_orphans`, `audit_completeness`, `audit_levels`,
`audit_cycles`, `audit_ownership`, `audit_codes`), every query bound to the cascade's active load,
and that load checked readable at the end (`lineage.pins`): a load deleted meanwhile is never
audited by halves; the audit starts again on the loads that answer then.
The wording rules and the messages are then those of the offline path (`build.findings`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from neo4j import Driver

from lineage.answers import PositionRef
from lineage.audit.build import findings
from lineage.audit.collector import paused
from lineage.audit.cycles import cycle_findings
from lineage.audit.facts import CascadeFacts, Node
from lineage.audit.findings import AuditReport, CascadeAudited, Detected, Finding
from lineage.audit.rules import AUTHORITY_LEVELS, CODE_PARENT_LEVELS, CODE_SHAPES, OWNER_TIERS, authority_of
from lineage.cascade.vocabulary import BOTTOM, LEVELS, ElementKind, serves
from lineage.cypher import cypher
from lineage.errors import CursorExpired, ReloadRace
from lineage.pins import ATTEMPTS, Reading, read
from lineage.progress import Progress

#: The Cypher files whose rows are (rule, nodes) detections.
STRUCTURE_QUERIES = ("audit_orphans", "audit_completeness", "audit_levels", "audit_ownership", "audit_codes")


class UnknownCascade(LookupError):
    """No loaded cascade has the id asked for."""


def audit_database(
    driver: Driver,
    *,
    cascade: str | None = None,
    database: str | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """Every loaded cascade (or only `cascade`), each as its active load says."""
    for _ in range(ATTEMPTS):
        audited: list[CascadeAudited] = []
        found: list[Finding] = []
        try:
            for loaded in chosen(loaded_cascades(driver, database=database), cascade):
                summary, cascade_findings = audit_loaded(driver, loaded, database=database, progress=progress)
                audited.append(summary)
                found += cascade_findings
        except CursorExpired:
            continue  # a cascade was reloaded and its old load deleted while it was read: again
        return AuditReport(source="database", generated_at=datetime.now(UTC), cascades=audited, findings=found)
    raise ReloadRace(f"the cascades were reloaded during each of {ATTEMPTS} attempts to audit them; try again")


def loaded_cascades(driver: Driver, *, database: str | None = None) -> list[CascadeAudited]:
    """Every cascade that answers queries, with its active load (counts still unknown: 0). One
    small query: the API reads it on every request to know whether its findings still hold."""
    records, _, _ = driver.execute_query(cypher("audit_cascades"), database_=database, routing_="r")
    return [
        CascadeAudited(id=r["id"], load=r["load"], region=r["region"], agency=r["agency"], elements=0, indicators=0)
        for r in records
    ]


def chosen(loaded: list[CascadeAudited], cascade: str | None) -> list[CascadeAudited]:
    """`loaded`, or only `cascade` (None: all of them); UnknownCascade when it is not loaded."""
    if cascade is None:
        return loaded
    if not (found := [a for a in loaded if a.id == cascade]):
        raise UnknownCascade(f"no cascade {cascade!r} is loaded")
    return found


@paused
def audit_loaded(
    driver: Driver,
    loaded: CascadeAudited,
    *,
    database: str | None = None,
    progress: Progress | None = None,
) -> tuple[CascadeAudited, list[Finding]]:
    """The audit of one cascade's load `loaded.load`; CursorExpired when that load is no longer
    readable by the end of its read (it was replaced and deleted meanwhile)."""
    params = _parameters(loaded)
    pin = (loaded.id, loaded.load or "")

    def ask(reading: Reading) -> tuple[CascadeFacts, list[Detected]]:
        reading.saw([pin])
        facts = _facts(reading, loaded, params)
        if progress:
            progress(f"{loaded.id}: read {len(facts.nodes):,} elements and indicators")
        detected = [
            Detected(r["rule"], tuple(r["nodes"])) for name in STRUCTURE_QUERIES for r in reading.rows(name, **params)
        ]
        detected += _cycles(reading, params)
        return facts, detected

    (facts, detected), _ = read(driver, ask, database=database, cursor_pins=frozenset([pin]))
    if progress:
        progress(f"{loaded.id}: {len(detected):,} structural findings; comparing names")
    summary = loaded.model_copy(
        update={
            "elements": len(facts.of_type("element")),
            "indicators": len(facts.of_type("indicator")),
        }
    )
    return summary, findings(facts, detected)


def _parameters(loaded: CascadeAudited) -> dict[str, Any]:
    authority = authority_of(loaded.region or "")
    return {
        "cascade": loaded.id,
        "load": loaded.load,
        "bottom": BOTTOM.value,
        "tops": [kind.value for kind, info in LEVELS.items() if info.top],
        "levels": {kind.value: kind.level for kind in ElementKind},
        "serves": {kind.value: [parent.value for parent in serves(kind)] for kind in ElementKind},
        "fits": {kind.value: [tier.value for tier in tiers] for kind, tiers in OWNER_TIERS.items()},
        "shapes": {kind.value: shape for kind, shape in CODE_SHAPES.items()},
        "authority": authority[0] if authority else None,
        "authority_levels": [kind.value for kind in AUTHORITY_LEVELS],
        "code_parents": [kind.value for kind in CODE_PARENT_LEVELS],
    }


def _facts(reading: Reading, loaded: CascadeAudited, params: dict[str, Any]) -> CascadeFacts:
    facts = CascadeFacts(loaded.id, loaded.region, loaded.agency)
    record = reading.row("audit_nodes", **params)
    rows, owners = (record["nodes"], record["positions"]) if record else ([], [])
    positions = {owner["uid"]: PositionRef.of(owner) for owner in owners}
    kinds = {kind.value: kind for kind in ElementKind}  # a lookup, not an enum call per row
    nodes = facts.nodes
    for type_, uid, local_id, name, code, kind, parent, element, external_parent, owner in rows:
        nodes[uid] = Node(
            uid, local_id, type_, kinds[kind] if kind else None, name, code, element, positions.get(owner)
        )
        if parent:
            facts.parent[uid] = parent
        if external_parent and type_ == "element":
            facts.external_parent[uid] = external_parent
        elif external_parent:
            facts.rolls_out.add(uid)
    record = reading.row("audit_indicator_links", **params)
    facts.indicator_links = [(child, parent) for child, parent in (record["links"] if record else [])]
    return facts


def _cycles(reading: Reading, params: dict[str, Any]) -> list[Detected]:
    links: dict[str, list[tuple[str, str]]] = {"element": [], "indicator": []}
    implied: set[tuple[str, str]] = set()
    for r in reading.rows("audit_cycles", **params):
        links[r["graph"]].append((r["child"], r["parent"]))
        if r["follows"]:
            implied.add((r["child"], r["parent"]))
    return cycle_findings(links["element"]) + cycle_findings(links["indicator"], implied)
