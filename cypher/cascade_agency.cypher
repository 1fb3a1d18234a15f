// The agency of cascade $cascade as loaded (no row: no such cascade), to check a write token's scope.
MATCH (c:Cascade {id: $cascade})
RETURN c.agency AS agency
