// Indicators (IK), the element each one measures, and who owns them.
UNWIND $rows AS row
CREATE (i:Indicator)
SET i = row.properties, i.load = $load
WITH i, row
CALL (i, row) {
  MATCH (owner:Position {uid: row.owner, load: $load})
  USING INDEX SEEK owner:Position(uid, load)
  MERGE (i)-[:OWNED_BY]->(owner)
}
CALL (i, row) {
  MATCH (element:Element {uid: row.measures, load: $load})
  USING INDEX SEEK element:Element(uid, load)
  MERGE (i)-[:MEASURES]->(element)
}
