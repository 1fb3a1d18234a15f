// Everything indicator $uid of cascade $cascade rolls up into, nearest first, in one statement:
// the same pinning and walk as indicator_contributors.cypher (read it first), upwards, with no
// filters: the paths to the top are listed from these rows' links (lineage/traversal.py). At most
// $cap indicators (`truncated` beyond).
MATCH (c:Cascade {id: $cascade})
WITH c.id AS cascade, coalesce($load, c.active_load) AS load
OPTIONAL MATCH (s:Indicator {uid: $uid, load: load})
CALL (s) {
  OPTIONAL MATCH p = (s)-[:CONTRIBUTES_TO*1..WALK_DEPTH]->(n:Indicator)
  WHERE n <> s
  WITH n, min(length(p)) AS hops
  ORDER BY hops, n.search_key, n.uid
  RETURN collect(CASE WHEN hops <= $depth THEN {n: n, hops: hops} END) AS within, max(hops) > $depth AS beyond
}
CALL (within) {
  UNWIND within[..$cap] AS reached
  WITH reached.n AS n, reached.hops AS hops
  OPTIONAL MATCH (n)-[:MEASURES]->(e:Element)
  OPTIONAL MATCH (n)-[:OWNED_BY]->(o:Position)
  RETURN collect([n.uid, n.id, n.cascade, n.load, n.name, n.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier,
                  hops, [(n)-[:CONTRIBUTES_TO]->(m:Indicator) | m.uid], n.search_key]) AS rows
}
OPTIONAL MATCH (s)-[:MEASURES]->(se:Element)
OPTIONAL MATCH (s)-[:OWNED_BY]->(so:Position)
WITH cascade, load, rows, coalesce(beyond, false) OR size(within) > $cap AS truncated,
     CASE WHEN s IS NULL THEN null ELSE
       [s.uid, s.id, s.cascade, s.load, s.name, s.unit, se.uid, se.kind, se.name, se.code, so.uid, so.name, so.tier]
     END AS start,
     [(s)-[:CONTRIBUTES_TO]->(m:Indicator) | m.uid] AS start_parents
// Last, after every read above (the aggregations are done): the check of every load read, in the
// same statement, so the question costs one round trip (docs/reads.md).
CALL (cascade, load, rows) {
  UNWIND [[cascade, load]] + [row IN rows | [row[2], row[3]]] AS pin
  WITH DISTINCT pin
  CALL (pin) {
    INCLUDE readable_pin
  }
  RETURN collect({cascade: pin[0], load: pin[1], readable: readable, active: active, scope: scope}) AS checked
}
RETURN cascade, load, start, start_parents, rows, truncated, checked
