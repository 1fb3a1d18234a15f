// An indicator contributes to (rolls up into) the indicators above it.
UNWIND $rows AS row
MATCH (child:Indicator {uid: row.child, load: $load})
USING INDEX child:Indicator(uid, load)
MATCH (parent:Indicator {uid: row.parent, load: $load})
USING INDEX parent:Indicator(uid, load)
MERGE (child)-[:CONTRIBUTES_TO]->(parent)
