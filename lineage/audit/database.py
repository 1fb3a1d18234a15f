"""The audit of the cascades loaded in Neo4j: structural rules in Cypher, on the active load only.

Each cascade is read in one read transaction: its facts (`audit_nodes`, `audit_indicator_links`)
and the structural detections (`audit_orphans`, `audit_completeness`, `audit_levels`,
`audit_cycles`, `audit_ownership`, `audit_codes`), every query bound to the cascade's active load.
The wording rules and the messages are then those of the offline path (`build.findings`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from neo4j import Driver, ManagedTransaction

from lineage.answers import PositionRef
from lineage.audit.build import findings
from lineage.audit.cycles import cycle_findings
from lineage.audit.facts import CascadeFacts, Node
from lineage.audit.findings import AuditReport, CascadeAudited, Detected, Finding
from lineage.audit.rules import AUTHORITY_LEVELS, CODE_PARENT_LEVELS, CODE_SHAPES, OWNER_TIERS, authority_of
from lineage.cascade.vocabulary import BOTTOM, LEVELS, ElementKind, serves
from lineage.cypher import cypher

#: The Cypher files whose rows are (rule, nodes) detections.
STRUCTURE_QUERIES = ("audit_orphans", "audit_completeness", "audit_levels", "audit_ownership", "audit_codes")

Progress = Callable[[str], None]


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
    audited: list[CascadeAudited] = []
    found: list[Finding] = []
    for loaded in chosen(loaded_cascades(driver, database=database), cascade):
        summary, cascade_findings = audit_loaded(driver, loaded, database=database, progress=progress)
        audited.append(summary)
        found += cascade_findings
    return AuditReport(source="database", generated_at=datetime.now(UTC), cascades=audited, findings=found)


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


def audit_loaded(
    driver: Driver,
    loaded: CascadeAudited,
    *,
    database: str | None = None,
    progress: Progress | None = None,
) -> tuple[CascadeAudited, list[Finding]]:
    """The audit of one cascade's load `loaded.load`."""
    params = _parameters(loaded)

    def work(tx: ManagedTransaction) -> tuple[CascadeFacts, list[Detected]]:
        facts = _facts(tx, loaded, params)
        if progress:
            progress(f"{loaded.id}: read {len(facts.nodes):,} elements and indicators")
        detected = [
            Detected(r["rule"], tuple(r["nodes"])) for name in STRUCTURE_QUERIES for r in tx.run(cypher(name), params)
        ]
        detected += _cycles(tx, params)
        return facts, detected

    with driver.session(database=database, default_access_mode="READ") as session:
        facts, detected = session.execute_read(work)
    if progress:
        progress(f"{loaded.id}: {len(detected):,} structural findings; comparing names")
    summary = loaded.model_copy(
        update={
            "elements": len(facts.of_type("element")),
            "indicators": len(facts.of_type("indicator")),
        }
    )
    return summary, findings(facts, detected)


def _parameters(loaded: CascadeAudited) -> dict[str, object]:
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


def _facts(tx: ManagedTransaction, loaded: CascadeAudited, params: dict[str, object]) -> CascadeFacts:
    facts = CascadeFacts(loaded.id, loaded.region, loaded.agency)
    positions: dict[str, PositionRef | None] = {}
    rows = tx.run(cypher("audit_nodes"), params).single(strict=True)["nodes"]
    for type_, uid, local_id, name, code, kind, parent, element, external_parent, owner in rows:
        if owner and owner["uid"] not in positions:
            positions[owner["uid"]] = PositionRef.of(owner)
        facts.nodes[uid] = Node(
            uid,
            local_id,
            type_,
            ElementKind(kind) if kind else None,
            name,
            code,
            element,
            positions[owner["uid"]] if owner else None,
        )
        if parent:
            facts.parent[uid] = parent
        if external_parent and type_ == "element":
            facts.external_parent[uid] = external_parent
        elif external_parent:
            facts.rolls_out.add(uid)
    links = tx.run(cypher("audit_indicator_links"), params).single(strict=True)["links"]
    facts.indicator_links = [(child, parent) for child, parent in links]
    return facts


def _cycles(tx: ManagedTransaction, params: dict[str, object]) -> list[Detected]:
    links: dict[str, list[tuple[str, str]]] = {"element": [], "indicator": []}
    implied: set[tuple[str, str]] = set()
    for r in tx.run(cypher("audit_cycles"), params):
        links[r["graph"]].append((r["child"], r["parent"]))
        if r["follows"]:
            implied.add((r["child"], r["parent"]))
    return cycle_findings(links["element"]) + cycle_findings(links["indicator"], implied)
