// Whether cascade $cascade has a version that answers queries: a cheap check (no counting)
// that lets a question about an unknown cascade answer 404 instead of an empty list.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
RETURN c.id AS id
