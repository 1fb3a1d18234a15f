// Give up a load's claim on its cascade; drop a cascade that never had a load (and has nothing
// left to delete).
MATCH (c:Cascade {id: $cascade})
WHERE c.loading = $load
REMOVE c.loading, c.loading_since, c.loading_until, c.loading_owner, c.loading_by
WITH c
WHERE c.active_load IS NULL AND c.doomed IS NULL AND c.retired IS NULL
DELETE c
