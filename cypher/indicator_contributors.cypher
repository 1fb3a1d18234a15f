// Everything that rolls up into indicator $uid of cascade $cascade, nearest first, in one
// statement. Columns of a summary row (lineage/indicators.py reads them by position):
//   uid, id, cascade, load, name, unit, element uid, kind, name, code, owner uid, name, tier
// and for each contributor also its hops, the uids of the indicators it rolls up into, and its
// folded name (the order of the rows: hops, folded name, uid).
//
// The load is pinned first: $load (a kept version, or the one a cursor names) or the one that
// answers now, read once from the Cascade node; the start node is looked up in that load only
// (docs/reads.md). The walk is one breadth-first pruning expand (plan: VarLengthExpand(Pruning,
// BFS)): it visits each indicator once however many paths lead to it, so shared parents and
// cycles cost nothing, and min(length(p)) is its hop distance. WALK_DEPTH is written into the text
// by the caller as the depth asked for plus one (a bounded, validated integer: Cypher takes no
// parameter there), to learn whether contributors lie beyond $depth (`beyond`). Links across
// cascades join the versions that answer now (lineage/loader.py), so a walk from the active load
// may cross into other cascades; each row names its own cascade and load.
// Then at most $cap contributors, filtered by $tier (of the owner) and $kind (of the element).
MATCH (c:Cascade {id: $cascade})
WITH c.id AS cascade, coalesce($load, c.active_load) AS load
OPTIONAL MATCH (s:Indicator {uid: $uid, load: load})
CALL (s) {
  OPTIONAL MATCH p = (s)<-[:CONTRIBUTES_TO*1..WALK_DEPTH]-(n:Indicator)
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
  WITH n, hops, e, o
  WHERE ($tier IS NULL OR o.tier = $tier) AND ($kind IS NULL OR e.kind = $kind)
  RETURN collect([n.uid, n.id, n.cascade, n.load, n.name, n.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier,
                  hops, [(n)-[:CONTRIBUTES_TO]->(m:Indicator) | m.uid], n.search_key]) AS rows
}
OPTIONAL MATCH (s)-[:MEASURES]->(se:Element)
OPTIONAL MATCH (s)-[:OWNED_BY]->(so:Position)
WITH cascade, load, rows, coalesce(beyond, false) OR size(within) > $cap AS truncated,
     CASE WHEN s IS NULL THEN null ELSE
       [s.uid, s.id, s.cascade, s.load, s.name, s.unit, se.uid, se.kind, se.name, se.code, so.uid, so.name, so.tier]
     END AS start
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
RETURN cascade, load, start, rows, truncated, checked
