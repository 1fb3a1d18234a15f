// One step up a roll-up: the indicators that each of $ids (node ids) contributes to directly.
UNWIND $ids AS node_id
MATCH (child:Indicator)-[:CONTRIBUTES_TO]->(parent:Indicator)
WHERE elementId(child) = node_id
RETURN node_id AS from, elementId(parent) AS to
