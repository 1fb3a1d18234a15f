// What a user typed, as a global id (rank 0), an id from the file (1) or an exact name (2); only
// indicators of the load that answers for their cascade now. Summary rows (columns as in
// indicator_contributors.cypher), so the question reads each node once.
CALL () {
  MATCH (i:Indicator {uid: $ref}) RETURN i, 0 AS rank
  UNION
  MATCH (i:Indicator {id: $ref}) RETURN i, 1 AS rank
  UNION
  MATCH (i:Indicator {search_key: $key}) RETURN i, 2 AS rank
}
MATCH (c:Cascade {id: i.cascade})
WHERE c.active_load = i.load
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN rank, [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier] AS row
ORDER BY rank, i.search_key, i.uid
LIMIT $limit
