// How many elements of load $load of cascade $cascade a page of cascade_elements.cypher draws
// from (same $kind, $parents and $roots, no paging): the `total` of its answer. A load never
// changes, so the caller counts each question once per load.
CALL () {
  WITH 1 AS one WHERE $parents IS NULL
  MATCH (e:Element {cascade: $cascade, load: $load})
  RETURN e
  UNION
  WITH 1 AS one WHERE $parents IS NOT NULL
  UNWIND $parents AS parent_uid
  MATCH (p:Element {uid: parent_uid, load: $load})<-[:CONTRIBUTES_TO]-(e:Element)
  WHERE p.cascade = $cascade AND e.cascade = $cascade
  RETURN e
}
WITH DISTINCT e
WHERE ($kind IS NULL OR e.kind = $kind)
  AND (NOT $roots OR NOT EXISTS { (e)-[:CONTRIBUTES_TO]->(p:Element) WHERE p.cascade = e.cascade })
RETURN count(e) AS total
