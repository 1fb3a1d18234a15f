// An indicator contributes to (rolls up into) the indicators above it.
UNWIND $rows AS row
MATCH (child:Indicator {uid: row.child, load: $load})
MATCH (parent:Indicator {uid: row.parent, load: $load})
MERGE (child)-[:CONTRIBUTES_TO]->(parent)
