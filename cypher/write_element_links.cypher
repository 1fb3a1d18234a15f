// An element contributes to its parent element (sub kegiatan -> kegiatan -> program -> ...).
// The hints must say SEEK: planned with statistics that do not yet count the nodes just written
// (a first load on a fresh server), Neo4j met a plain USING INDEX with an index *scan* of every
// element per row (48.7 million db hits, 12 s, for one 5,000-row batch; 5,000 with SEEK).
UNWIND $rows AS row
MATCH (child:Element {uid: row.child, load: $load})
USING INDEX SEEK child:Element(uid, load)
MATCH (parent:Element {uid: row.parent, load: $load})
USING INDEX SEEK parent:Element(uid, load)
MERGE (child)-[:CONTRIBUTES_TO]->(parent)
