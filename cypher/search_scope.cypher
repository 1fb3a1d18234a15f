// The cascades a search reads, each with the load that answers for it now (the search's pins,
// docs/reads.md): all of them, or $cascade only, or those of agency $agency (folded name), or
// those whose period overlaps $period_start..$period_end.
MATCH (c:Cascade)
WHERE c.active_load IS NOT NULL AND ($cascade IS NULL OR c.id = $cascade)
  AND ($agency IS NULL OR c.agency_key = $agency)
  AND ($period_start IS NULL OR (c.period_start <= $period_end AND c.period_end >= $period_start))
RETURN c.id AS cascade, c.active_load AS load
