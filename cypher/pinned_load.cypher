// The load a question about cascade $cascade reads: $load when one is asked for (a kept version,
// or the load a cursor names), else the one that answers now. No row: no such cascade.
MATCH (c:Cascade {id: $cascade})
WHERE $load IS NOT NULL OR c.active_load IS NOT NULL
RETURN coalesce($load, c.active_load) AS load
