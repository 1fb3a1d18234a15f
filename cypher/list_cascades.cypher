// The cascades that answer queries (or just $id), in id order, a page at a time (after
// $after_id), with the number of elements of each kind and of indicators in their current version.
// Optional scope: $agency and $region (folded names), $period_start..$period_end (overlapping).
MATCH (c:Cascade)
WHERE c.active_load IS NOT NULL AND ($id IS NULL OR c.id = $id) AND ($after_id IS NULL OR c.id > $after_id)
  AND ($agency IS NULL OR c.agency_key = $agency) AND ($region IS NULL OR c.region_key = $region)
  AND ($period_start IS NULL OR (c.period_start <= $period_end AND c.period_end >= $period_start))
WITH c ORDER BY c.id LIMIT $limit
CALL (c) {
  MATCH (e:Element {cascade: c.id, load: c.active_load})
  RETURN collect(e.kind) AS kinds
}
CALL (c) {
  MATCH (i:Indicator {cascade: c.id, load: c.active_load})
  RETURN count(i) AS indicators
}
RETURN c {.id, .agency, .region, .period, .source, .file, .loaded_at, .version} AS cascade, kinds, indicators
ORDER BY c.id
