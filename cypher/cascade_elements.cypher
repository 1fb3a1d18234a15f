// One page of the elements of cascade $cascade's current version, in reading order (level, then
// their order in the file), each with its parent, owner, indicators and number of children.
// Optional filters: $kind; $parent (uid: only its children); $roots (only elements with no parent).
// $load: read that kept version instead of the current one.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
MATCH (e:Element {cascade: c.id, load: coalesce($load, c.active_load)})
WHERE ($kind IS NULL OR e.kind = $kind)
  AND ($parent IS NULL OR EXISTS { (e)-[:CONTRIBUTES_TO]->(:Element {uid: $parent}) })
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
