// One page of the elements of cascade $cascade, in reading order (level, then their order in the
// file), each with its parent, owner, indicators and number of children; one row, also naming the
// load read (the pin, docs/reads.md): $load (a kept version, or the load a cursor names) or the
// one that answers now, read once from the Cascade node. No row: no such cascade.
// $parents (uids), when given, starts from those elements and reads only their children, so a
// view opening boxes pays for what it opens, not for the whole cascade. Optional filters: $kind;
// $roots (only elements with no parent in this cascade). Paged by key after ($after_level,
// $after_seq), at most $limit.
//
// A cascade's view is its own tree: `parent`, `children`, $roots and $parents count only elements
// of this cascade. Links across cascades are said beside it: `external_parent`, the element of
// another cascade this one serves (the file's `external_parent`, named when that cascade's
// current version holds it), and `served_by`, per other cascade how many of its current elements
// serve this one. The loads of those other cascades are returned too (`across`), for the check.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
WITH c, coalesce($load, c.active_load) AS load
CALL (c, load) {
  CALL (c, load) {
    WITH c, load WHERE $parents IS NULL
    MATCH (e:Element {cascade: c.id, load: load})
    RETURN e
    UNION
    WITH c, load WHERE $parents IS NOT NULL
    UNWIND $parents AS parent_uid
    MATCH (p:Element {uid: parent_uid, load: load})<-[:CONTRIBUTES_TO]-(e:Element)
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
    } END AS external_parent, [outside.cascade, outside.load] AS outside_pin
  }
  CALL (e) {
    OPTIONAL MATCH (e)<-[:CONTRIBUTES_TO]-(o:Element)
    WHERE o.cascade <> e.cascade
      AND EXISTS { MATCH (oc:Cascade {id: o.cascade}) WHERE oc.active_load = o.load }
    WITH o.cascade AS from, o.load AS from_load, count(o) AS elements
    WHERE from IS NOT NULL
    OPTIONAL MATCH (oc:Cascade {id: from})
    WITH from, from_load, oc, elements ORDER BY from
    RETURN collect({cascade: from, agency: oc.agency, elements: elements}) AS served_by,
           collect([from, from_load]) AS serving_pins
  }
  RETURN collect({
    element: e {.uid, .id, .kind, .level, .seq, .name, .code}, parent: parent.uid,
    owner: owner {.uid, .name, .tier}, indicators: indicators, external_parent: external_parent,
    served_by: served_by,
    children: COUNT { (e)<-[:CONTRIBUTES_TO]-(child:Element) WHERE child.cascade = e.cascade }
  }) AS items, collect(outside_pin) + reduce(all = [], pins IN collect(serving_pins) | all + pins) AS across
}
RETURN c.id AS cascade, load, items, across
