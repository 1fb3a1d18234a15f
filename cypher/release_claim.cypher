// Give up a load's claim on its cascade (after a failure); drop a cascade that never had a load.
MATCH (c:Cascade {id: $cascade})
WHERE c.loading = $load
REMOVE c.loading, c.loading_since
WITH c
WHERE c.active_load IS NULL
DELETE c
