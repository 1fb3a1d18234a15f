// Indicators (IK), the element each one measures, and who owns them.
UNWIND $rows AS row
CREATE (i:Indicator)
SET i = row.properties
WITH i, row
CALL (i, row) {
  MATCH (owner:Position {uid: row.owner})
  MERGE (i)-[:OWNED_BY]->(owner)
}
CALL (i, row) {
  MATCH (element:Element {uid: row.measures})
  MERGE (i)-[:MEASURES]->(element)
}
