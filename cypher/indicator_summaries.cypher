// Indicators by node id (elementId, valid within the reading transaction), each with the
// element it measures, the position that owns it, and the agency, region and period of the
// version it belongs to: the Cascade node's for the current version, its CascadeVersion record's
// for a kept one (the Cascade node only ever describes the current version).
UNWIND $ids AS node_id
MATCH (i:Indicator) WHERE elementId(i) = node_id
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(p:Position)
CALL (i) {
  OPTIONAL MATCH (c:Cascade {id: i.cascade}) WHERE c.active_load = i.load
  OPTIONAL MATCH (v:CascadeVersion {cascade: i.cascade, load: i.load})
  RETURN coalesce(c, v) AS version
}
RETURN node_id, i {.uid, .id, .cascade, .name, .unit, .also_written_as, .note} AS indicator,
       e {.uid, .kind, .name, .code} AS element,
       p {.uid, .name, .tier} AS owner,
       version {.agency, .region, .period} AS scope
