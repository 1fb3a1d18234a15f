// Where nodes of cascade $cascade sit in its diagram, in load $load or the one that answers now
// (read once from the Cascade node: the pin, docs/reads.md; no row: no such cascade). For each
// uid in $ids (an element's or an indicator's) the box it is drawn in (the element itself, or
// the element the indicator measures) and the chain of elements above that box, top first. The
// chain stays in this cascade: an element serving another cascade's element is a top of this
// one's diagram (see cascade_elements). Elements have one parent and no cycles (the loader
// refuses them), so the chain is one path; 20 bounds it.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
WITH c, coalesce($load, c.active_load) AS load
CALL (c, load) {
  UNWIND $ids AS id
  CALL (c, load, id) {
    OPTIONAL MATCH (e:Element {uid: id, load: load})
    OPTIONAL MATCH (i:Indicator {uid: id, load: load})-[:MEASURES]->(m:Element)
    WITH coalesce(e, m) AS box
    OPTIONAL MATCH up = (box)-[:CONTRIBUTES_TO*1..20]->(top:Element)
    WHERE all(n IN nodes(up) WHERE n.cascade = box.cascade)
      AND NOT EXISTS { (top)-[:CONTRIBUTES_TO]->(above:Element) WHERE above.cascade = top.cascade }
    RETURN box.uid AS box, [n IN reverse(nodes(up)[1..]) | n.uid] AS ancestors
  }
  RETURN collect({id: id, box: box, ancestors: coalesce(ancestors, [])}) AS items
}
RETURN c.id AS cascade, load, items
