"""A cascade's graph in Neo4j as a fingerprint that does not depend on ids: two loads of the same
plan, whatever ids their source gave them, have the same fingerprint.

Read with its own Cypher, independent of the code under test: every element of the active load by
the path of names from its top (level and name of each box above it), with its code, budget and
owner (name and tier); every indicator by its box's path and its name, with its unit, figures and
owner; every roll-up link between indicators (within the cascade, and into other cascades) by
those keys; and the cascade's agency, region and period.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from neo4j import Driver

ELEMENTS = """
MATCH (c:Cascade {id: $cascade})
MATCH (e:Element {cascade: $cascade, load: c.active_load})
OPTIONAL MATCH path = (e)-[:CONTRIBUTES_TO*0..10]->(top:Element {load: c.active_load})
WHERE NOT EXISTS { (top)-[:CONTRIBUTES_TO]->(:Element {load: c.active_load}) }
OPTIONAL MATCH (e)-[:OWNED_BY]->(o:Position)
RETURN e.uid AS uid, [n IN reverse(nodes(path)) | [n.kind, n.name]] AS path, e.code AS code,
       e.budget_json AS budget, [o.name, o.tier] AS owner
"""
INDICATORS = """
MATCH (c:Cascade {id: $cascade})
MATCH (i:Indicator {cascade: $cascade, load: c.active_load})
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN i.uid AS uid, e.uid AS element, i.name AS name, i.unit AS unit, i.data_json AS figures,
       [o.name, o.tier] AS owner,
       [(i)-[:CONTRIBUTES_TO]->(up:Indicator) | up.uid] AS up
"""


def fingerprint(driver: Driver, cascade: str, database: str | None = None) -> dict[str, Any]:
    """What the graph of `cascade` (its active load) says, keyed by names, not ids."""
    head, _, _ = driver.execute_query(
        "MATCH (c:Cascade {id: $cascade}) RETURN c.agency AS agency, c.region AS region, c.period AS period",
        cascade=cascade,
        database_=database,
    )
    elements, _, _ = driver.execute_query(ELEMENTS, cascade=cascade, database_=database)
    indicators, _, _ = driver.execute_query(INDICATORS, cascade=cascade, database_=database)
    path = {r["uid"]: tuple(tuple(step) for step in r["path"]) for r in elements}
    key = {r["uid"]: (path.get(r["element"]), r["name"]) for r in indicators}
    return {
        "cascade": dict(head[0]) if head else None,
        "elements": sorted((path[r["uid"]], r["code"], _json(r["budget"]), tuple(r["owner"])) for r in elements),
        "indicators": sorted((key[r["uid"]], r["unit"], _json(r["figures"]), tuple(r["owner"])) for r in indicators),
        "links": sorted((key[r["uid"]], key.get(up, up)) for r in indicators for up in r["up"]),
    }


def digest(print_: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(print_, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _json(text: str | None) -> str | None:
    return json.dumps(json.loads(text), sort_keys=True) if text else None
