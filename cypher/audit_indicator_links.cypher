// The roll-up links between the indicators of load $load of cascade $cascade (links to another
// cascade's indicators are left out: a file audited alone cannot know them), as one list of
// [child, parent] uids (one record: see audit_nodes.cypher).
MATCH (a:Indicator {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(b:Indicator {load: $load})
RETURN collect([a.uid, b.uid]) AS links
