// Elements (goals, targets, programs, kegiatan, sub kegiatan) and who owns them.
// `row.label` is one of Goal, Target, Program, Activity, SubActivity (set from ElementKind).
UNWIND $rows AS row
CREATE (e:Element)
SET e = row.properties, e.load = $load
SET e:$(row.label)
WITH e, row
CALL (e, row) {
  MATCH (owner:Position {uid: row.owner, load: $load})
  USING INDEX owner:Position(uid, load)
  MERGE (e)-[:OWNED_BY]->(owner)
}
