// An indicator contributes to (rolls up into) the indicators above it. SEEK: see
// write_element_links.cypher (a plain hint was met with an index scan per row on a first load).
UNWIND $rows AS row
MATCH (child:Indicator {uid: row.child, load: $load})
USING INDEX SEEK child:Indicator(uid, load)
MATCH (parent:Indicator {uid: row.parent, load: $load})
USING INDEX SEEK parent:Indicator(uid, load)
MERGE (child)-[:CONTRIBUTES_TO]->(parent)
