// The cascades that answer queries (or just $id), in id order, a page at a time (after
// $after_id, at most $limit), with the number of elements of each kind and of indicators in the
// load that answers now (read once per cascade: the pin, docs/reads.md), and how many cascades
// match over all pages (`total`; one row with no cascade when the page is empty). A load never
// changes, so the caller keeps the counts: loads listed in $counted ("cascade id|load id") are not
// counted again (`kinds` and `indicators` null).
// Optional scope: $agency and $region (folded names), $period_start..$period_end (overlapping).
MATCH (c:Cascade)
WHERE c.active_load IS NOT NULL AND ($id IS NULL OR c.id = $id)
  AND ($agency IS NULL OR c.agency_key = $agency) AND ($region IS NULL OR c.region_key = $region)
  AND ($period_start IS NULL OR (c.period_start <= $period_end AND c.period_end >= $period_start))
WITH c ORDER BY c.id
WITH collect(c) AS matching
WITH matching, [c IN matching WHERE $after_id IS NULL OR c.id > $after_id][..$limit] AS page
UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS c
OPTIONAL CALL (c) {
  WITH c WHERE c IS NOT NULL
  WITH c, c.active_load AS load
  OPTIONAL CALL (c, load) {
    WITH c, load WHERE NOT c.id + '|' + load IN $counted
    CALL (c, load) {
      MATCH (e:Element {cascade: c.id, load: load})
      RETURN collect(e.kind) AS kinds
    }
    CALL (c, load) {
      MATCH (i:Indicator {cascade: c.id, load: load})
      RETURN count(i) AS indicators
    }
    RETURN kinds, indicators
  }
  RETURN c {.id, .agency, .region, .period, .source, .file, .sha256, .loaded_at, .version} AS cascade, load, kinds, indicators
}
RETURN cascade, load, kinds, indicators, size(matching) AS total
ORDER BY cascade.id
