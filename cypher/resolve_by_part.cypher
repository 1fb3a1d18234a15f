// When nothing has the id or the exact name a user typed: indicators of the loads that answer now
// whose folded name (or another spelling of it) contains $part, at most $limit, in name order.
// A text index serves CONTAINS (indicator_search_text).
MATCH (i:Indicator)
WHERE i.search_text CONTAINS $part
MATCH (c:Cascade {id: i.cascade})
WHERE c.active_load = i.load
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier] AS row
ORDER BY i.search_key, i.uid
LIMIT $limit
