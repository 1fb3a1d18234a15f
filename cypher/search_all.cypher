// A search without words: the indicators of the pinned loads ($loads) in name order, one page
// after ($after_key, $after_uid), read in the order of the index on search_key (no sort of them
// all: the page stops the scan).
MATCH (i:Indicator)
WHERE i.search_key >= $after_key AND $loads[i.cascade] = i.load
  AND (i.search_key > $after_key OR i.uid > $after_uid)
WITH i ORDER BY i.search_key, i.uid LIMIT $limit
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier] AS row,
       i.search_key AS key
ORDER BY i.search_key, i.uid
