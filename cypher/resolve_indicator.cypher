// What a user typed, as a global id (rank 0), an id from the file (1) or an exact name (2);
// only indicators of the version that currently answers for their cascade.
CALL () {
  MATCH (i:Indicator {uid: $ref}) RETURN i, 0 AS rank
  UNION
  MATCH (i:Indicator {id: $ref}) RETURN i, 1 AS rank
  UNION
  MATCH (i:Indicator {search_key: $key}) RETURN i, 2 AS rank
}
MATCH (c:Cascade {id: i.cascade})
WHERE c.active_load = i.load
RETURN elementId(i) AS node_id, i.uid AS uid, rank
