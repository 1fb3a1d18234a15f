// The switch: from now on $load answers for $cascade. One small transaction, so readers see
// either the old version or the new one, never a mixture.
MATCH (c:Cascade {id: $cascade})
WHERE c.loading = $load
SET c = $properties
SET c.id = $cascade, c.active_load = $load
RETURN c.id AS id
