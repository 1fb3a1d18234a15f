// The cascades an audit reads ($cascade null: all of them), each with the load that answers for
// it now: every other audit query reads only that load. The region sets the authority digit of
// the cascade's codes (2 for a kota or kabupaten).
MATCH (c:Cascade)
WHERE c.active_load IS NOT NULL AND ($cascade IS NULL OR c.id = $cascade)
RETURN c.id AS id, c.active_load AS load, c.region AS region, c.agency AS agency
ORDER BY id
