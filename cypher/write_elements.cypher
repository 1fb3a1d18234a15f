// Elements (goals, targets, programs, kegiatan, sub kegiatan) and who owns them.
// `row.label` is one of Goal, Target, Program, Activity, SubActivity (set from ElementKind).
UNWIND $rows AS row
CREATE (e:Element)
SET e = row.properties
SET e:$(row.label)
WITH e, row
CALL (e, row) {
  MATCH (owner:Position {uid: row.owner})
  MERGE (e)-[:OWNED_BY]->(owner)
}
