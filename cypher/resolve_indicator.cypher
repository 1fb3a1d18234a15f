// What a user typed, as a global id (rank 0), an id from the file (1) or an exact name (2).
MATCH (i:Indicator {uid: $ref}) RETURN i.uid AS uid, 0 AS rank
UNION
MATCH (i:Indicator {id: $ref}) RETURN i.uid AS uid, 1 AS rank
UNION
MATCH (i:Indicator {search_key: $key}) RETURN i.uid AS uid, 2 AS rank
