// The LOAD CONTRACT's predicate: may a reader that pinned load $load of cascade $cascade trust
// what it read? Yes iff the cascade exists, the load is not doomed (its deletion may have begun),
// and the load answers now, or was replaced less than the grace period ago (`retired`), or is a
// kept version. Readers run it at the end of their read transaction (see docs/loads.md).
OPTIONAL MATCH (c:Cascade {id: $cascade})
RETURN c IS NOT NULL
   AND NOT $load IN coalesce(c.doomed, [])
   AND (c.active_load = $load
        OR $load IN coalesce(c.retired, [])
        OR EXISTS { MATCH (:CascadeVersion {cascade: $cascade, load: $load}) }) AS readable
