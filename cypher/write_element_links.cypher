// An element contributes to its parent element (sub kegiatan -> kegiatan -> program -> ...).
UNWIND $rows AS row
MATCH (child:Element {uid: row.child, load: $load})
MATCH (parent:Element {uid: row.parent, load: $load})
MERGE (child)-[:CONTRIBUTES_TO]->(parent)
