// One page of current indicators whose folded name (or another spelling) contains $q, in name
// order. Paging is by key (the last search_key and uid seen), so pages stay stable and cheap.
// Optional scope: $agency (folded name), $period_start..$period_end (cascades overlapping it).
MATCH (i:Indicator)
WHERE i.search_text CONTAINS $q
  AND ($cascade IS NULL OR i.cascade = $cascade)
  AND ($after_key IS NULL OR i.search_key > $after_key OR (i.search_key = $after_key AND i.uid > $after_uid))
MATCH (c:Cascade {id: i.cascade})
WHERE c.active_load = i.load
  AND ($agency IS NULL OR c.agency_key = $agency)
  AND ($period_start IS NULL OR (c.period_start <= $period_end AND c.period_end >= $period_start))
RETURN elementId(i) AS node_id, i.uid AS uid, i.search_key AS key
ORDER BY i.search_key, i.uid
LIMIT $limit
