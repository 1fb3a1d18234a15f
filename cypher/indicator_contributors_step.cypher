// One step down a roll-up: the indicators that contribute directly to any of $ids (node ids).
// Links only ever join nodes of one load, so a walk never leaves the version it started in.
UNWIND $ids AS node_id
MATCH (child:Indicator)-[:CONTRIBUTES_TO]->(parent:Indicator)
WHERE elementId(parent) = node_id
RETURN elementId(child) AS from, node_id AS to
