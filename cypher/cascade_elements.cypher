// One page of the elements of cascade $cascade's current version, in reading order (level, then
// their order in the file), each with its parent, owner, indicators and number of children.
// $parents (uids), when given, starts from those elements and reads only their children, so a
// view opening boxes pays for what it opens, not for the whole cascade. Optional filters: $kind;
// $roots (only elements with no parent). Paged by key after ($after_level, $after_seq).
// $load: read that kept version instead of the current one.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
CALL (c) {
  WITH c WHERE $parents IS NULL
  MATCH (e:Element {cascade: c.id, load: coalesce($load, c.active_load)})
  RETURN e
  UNION
  WITH c WHERE $parents IS NOT NULL
  UNWIND $parents AS parent_uid
  MATCH (:Element {uid: parent_uid, load: coalesce($load, c.active_load)})<-[:CONTRIBUTES_TO]-(e:Element)
  RETURN e
}
WITH DISTINCT e
WHERE ($kind IS NULL OR e.kind = $kind)
  AND (NOT $roots OR NOT EXISTS { (e)-[:CONTRIBUTES_TO]->(:Element) })
  AND ($after_level IS NULL OR e.level > $after_level OR (e.level = $after_level AND e.seq > $after_seq))
WITH e ORDER BY e.level, e.seq LIMIT $limit
OPTIONAL MATCH (e)-[:CONTRIBUTES_TO]->(parent:Element)
OPTIONAL MATCH (e)-[:OWNED_BY]->(owner:Position)
CALL (e) {
  OPTIONAL MATCH (e)<-[:MEASURES]-(i:Indicator)
  OPTIONAL MATCH (i)-[:OWNED_BY]->(io:Position)
  WITH i, io ORDER BY i.seq
  RETURN collect(CASE WHEN i IS NULL THEN null ELSE i {
    .uid, .id, .name, .unit,
    owner: io {.uid, .name, .tier},
    contributes_to: [(i)-[:CONTRIBUTES_TO]->(up:Indicator) | up.uid]
  } END) AS indicators
}
RETURN e {.uid, .id, .kind, .level, .seq, .name, .code} AS element, parent.uid AS parent,
       owner {.uid, .name, .tier} AS owner, indicators,
       COUNT { (e)<-[:CONTRIBUTES_TO]-(:Element) } AS children
ORDER BY e.level, e.seq
