// An indicator contributes to (rolls up into) the indicators above it.
UNWIND $rows AS row
MATCH (child:Indicator {uid: row.child})
MATCH (parent:Indicator {uid: row.parent})
MERGE (child)-[:CONTRIBUTES_TO]->(parent)
