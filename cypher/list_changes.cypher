// The change log, oldest first, from $from (ISO date-time: `since`, or the last change of the
// previous page), of cascade $cascade (null: all), a page of $limit. Keyset paging on (at, id):
// the change index on `at` serves the range and the order; $after_id breaks ties on `at`.
MATCH (ch:Change)
WHERE ch.at >= datetime($from)
  AND ($cascade IS NULL OR ch.cascade = $cascade)
  AND ($after_id IS NULL OR ch.at > datetime($from) OR ch.id > $after_id)
RETURN ch {.*, at: toString(ch.at)} AS change
ORDER BY ch.at, ch.id
LIMIT $limit
