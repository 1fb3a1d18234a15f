// The roll-up links between the indicators of load $load of cascade $cascade (links never
// cross loads, so starting from the load's nodes is enough), as one list of [child, parent]
// uids (one record: see audit_nodes.cypher).
MATCH (a:Indicator {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(b:Indicator)
RETURN collect([a.uid, b.uid]) AS links
