// The positions of load $load of cascade $cascade (lineage/export/loaded.py).
MATCH (p:Position {cascade: $cascade, load: $load})
RETURN p.id AS id, p.name AS name, p.tier AS tier
ORDER BY p.id
