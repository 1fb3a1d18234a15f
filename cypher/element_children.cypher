// The children of the elements $parents (uids) in cascade $cascade's current version, in reading order
// (level, then order in the file), a page at a time after ($after_level, $after_seq), each with
// its parent, owner, indicators and number of children: the boxes a view shows when it opens
// several boxes at once. Starts from the parents, so it reads only their children.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
UNWIND $parents AS parent_uid
MATCH (:Element {uid: parent_uid, load: c.active_load})<-[:CONTRIBUTES_TO]-(e:Element)
WITH DISTINCT e
WHERE $after_level IS NULL OR e.level > $after_level OR (e.level = $after_level AND e.seq > $after_seq)
WITH e ORDER BY e.level, e.seq LIMIT $limit
MATCH (e)-[:CONTRIBUTES_TO]->(parent:Element)
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
