// One page of the elements of cascade $cascade's current version, in reading order (level, then
// their order in the file), each with its parent, owner, indicators and number of children.
// $parents (uids), when given, starts from those elements and reads only their children, so a
// view opening boxes pays for what it opens, not for the whole cascade. Optional filters: $kind;
// $roots (only elements with no parent in this cascade). Paged by key after ($after_level,
// $after_seq). $load: read that kept version instead of the current one.
//
// A cascade's view is its own tree: `parent`, `children`, $roots and $parents count only elements
// of this cascade. Links across cascades are said beside it: `external_parent`, the element of
// another cascade this one serves (the file's `external_parent`, named when that cascade's
// current version holds it), and `served_by`, per other cascade how many of its current
// elements serve this one.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
CALL (c) {
  WITH c WHERE $parents IS NULL
  MATCH (e:Element {cascade: c.id, load: coalesce($load, c.active_load)})
  RETURN e
  UNION
  WITH c WHERE $parents IS NOT NULL
  UNWIND $parents AS parent_uid
  MATCH (p:Element {uid: parent_uid, load: coalesce($load, c.active_load)})<-[:CONTRIBUTES_TO]-(e:Element)
  WHERE p.cascade = c.id AND e.cascade = c.id
  RETURN e
}
WITH DISTINCT e
WHERE ($kind IS NULL OR e.kind = $kind)
  AND (NOT $roots OR NOT EXISTS { (e)-[:CONTRIBUTES_TO]->(p:Element) WHERE p.cascade = e.cascade })
  AND ($after_level IS NULL OR e.level > $after_level OR (e.level = $after_level AND e.seq > $after_seq))
WITH e ORDER BY e.level, e.seq LIMIT $limit
OPTIONAL MATCH (e)-[:CONTRIBUTES_TO]->(parent:Element)
WHERE parent.cascade = e.cascade
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
CALL (e) {
  OPTIONAL MATCH (outside:Element {uid: e.external_parent})
  WHERE EXISTS { MATCH (xc:Cascade {id: outside.cascade}) WHERE xc.active_load = outside.load }
  OPTIONAL MATCH (oc:Cascade {id: split(e.external_parent, ':')[0]})
  WHERE oc.active_load IS NOT NULL
  RETURN CASE WHEN e.external_parent IS NULL THEN null ELSE {
    id: e.external_parent, cascade: split(e.external_parent, ':')[0], agency: oc.agency, name: outside.name
  } END AS external_parent
}
CALL (e) {
  OPTIONAL MATCH (e)<-[:CONTRIBUTES_TO]-(o:Element)
  WHERE o.cascade <> e.cascade
    AND EXISTS { MATCH (oc:Cascade {id: o.cascade}) WHERE oc.active_load = o.load }
  WITH o.cascade AS from, count(o) AS elements
  WHERE from IS NOT NULL
  OPTIONAL MATCH (oc:Cascade {id: from})
  WITH from, oc, elements ORDER BY from
  RETURN collect({cascade: from, agency: oc.agency, elements: elements}) AS served_by
}
RETURN e {.uid, .id, .kind, .level, .seq, .name, .code} AS element, parent.uid AS parent,
       owner {.uid, .name, .tier} AS owner, indicators, external_parent, served_by,
       COUNT { (e)<-[:CONTRIBUTES_TO]-(child:Element) WHERE child.cascade = e.cascade } AS children
ORDER BY e.level, e.seq
