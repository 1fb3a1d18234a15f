// Indicators by node id (elementId, valid within the reading transaction), each with the
// element it measures and the position that owns it.
UNWIND $ids AS node_id
MATCH (i:Indicator) WHERE elementId(i) = node_id
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(p:Position)
RETURN node_id, i {.uid, .id, .cascade, .name, .unit, .also_written_as, .note} AS indicator,
       e {.uid, .kind, .name, .code} AS element,
       p {.uid, .name, .tier} AS owner
