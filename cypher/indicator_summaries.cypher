// Indicators by node id (elementId, valid within the reading transaction), each as a summary row
// (columns as in indicator_contributors.cypher) with the agency, region and period of the version
// it belongs to: its CascadeVersion record's for a kept one, else the Cascade node's.
UNWIND $ids AS node_id
MATCH (i:Indicator) WHERE elementId(i) = node_id
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
CALL (i) {
  OPTIONAL MATCH (v:CascadeVersion {cascade: i.cascade, load: i.load})
  OPTIONAL MATCH (c:Cascade {id: i.cascade})
  RETURN coalesce(v, c) AS version
}
RETURN node_id, [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier] AS row,
       version {.agency, .region, .period} AS scope
