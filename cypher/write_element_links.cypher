// An element contributes to its parent element (sub kegiatan -> kegiatan -> program -> ...).
// The index hints matter: planned right after a reload emptied the statistics, Neo4j would
// otherwise choose an index scan per row (48 million db hits for one 5,000-row batch).
UNWIND $rows AS row
MATCH (child:Element {uid: row.child, load: $load})
USING INDEX child:Element(uid, load)
MATCH (parent:Element {uid: row.parent, load: $load})
USING INDEX parent:Element(uid, load)
MERGE (child)-[:CONTRIBUTES_TO]->(parent)
