// Indicators by uid, each with the element it measures and the position that owns it.
UNWIND $uids AS uid
MATCH (i:Indicator {uid: uid})
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(p:Position)
RETURN i {.uid, .id, .cascade, .name, .unit, .also_written_as, .note} AS indicator,
       e {.uid, .kind, .name, .code} AS element,
       p {.uid, .name, .tier} AS owner
