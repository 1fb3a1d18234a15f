// Where nodes of cascade $cascade's current version sit in its diagram. For each uid in $ids (an
// element's or an indicator's) the box it is drawn in (the element itself, or the element the
// indicator measures) and the chain of elements above that box, top first. The chain stays in
// this cascade: an element serving another cascade's element is a top of this one's diagram (see
// cascade_elements). Elements have one parent and no cycles (the loader refuses them), so the
// chain is one path; 20 bounds it.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
UNWIND $ids AS id
CALL (c, id) {
  OPTIONAL MATCH (e:Element {uid: id, load: c.active_load})
  OPTIONAL MATCH (i:Indicator {uid: id, load: c.active_load})-[:MEASURES]->(m:Element)
  WITH coalesce(e, m) AS box
  OPTIONAL MATCH up = (box)-[:CONTRIBUTES_TO*1..20]->(top:Element)
  WHERE all(n IN nodes(up) WHERE n.cascade = box.cascade)
    AND NOT EXISTS { (top)-[:CONTRIBUTES_TO]->(above:Element) WHERE above.cascade = top.cascade }
  RETURN box.uid AS box, [n IN reverse(nodes(up)[1..]) | n.uid] AS ancestors
}
RETURN id, box, coalesce(ancestors, []) AS ancestors
