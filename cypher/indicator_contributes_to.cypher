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
                  hops, [(n)-[:CONTRIBUTES_TO]->(m:Indicator) | m.uid]]) AS rows
}
OPTIONAL MATCH (s)-[:MEASURES]->(se:Element)
OPTIONAL MATCH (s)-[:OWNED_BY]->(so:Position)
RETURN cascade, load,
       CASE WHEN s IS NULL THEN null ELSE
         [s.uid, s.id, s.cascade, s.load, s.name, s.unit, se.uid, se.kind, se.name, se.code, so.uid, so.name, so.tier]
       END AS start,
       [(s)-[:CONTRIBUTES_TO]->(m:Indicator) | m.uid] AS start_parents,
       rows, coalesce(beyond, false) OR size(within) > $cap AS truncated
