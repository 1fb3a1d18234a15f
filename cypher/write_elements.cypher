// Elements (goals, targets, programs, kegiatan, sub kegiatan) and who owns them.
// `row.label` is one of Goal, AgencyGoal, Target, Program, Activity, SubActivity (from the
// vocabulary's levels, lineage/cascade/vocabulary.py).
UNWIND $rows AS row
CREATE (e:Element)
SET e = row.properties, e.load = $load
SET e:$(row.label)
WITH e, row
CALL (e, row) {
  MATCH (owner:Position {uid: row.owner, load: $load})
  USING INDEX SEEK owner:Position(uid, load)
  MERGE (e)-[:OWNED_BY]->(owner)
}
