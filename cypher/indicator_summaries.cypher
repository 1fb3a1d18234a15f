// Indicators by node id (elementId, valid within the reading transaction), each with the
// element it measures, the position that owns it, and its cascade's agency, region and period.
UNWIND $ids AS node_id
MATCH (i:Indicator) WHERE elementId(i) = node_id
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(p:Position)
OPTIONAL MATCH (c:Cascade {id: i.cascade})
RETURN node_id, i {.uid, .id, .cascade, .name, .unit, .also_written_as, .note} AS indicator,
       e {.uid, .kind, .name, .code} AS element,
       p {.uid, .name, .tier} AS owner,
       c {.agency, .region, .period, .period_start, .period_end} AS scope
