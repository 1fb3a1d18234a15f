// Not a statement: the body of a subquery that judges one load `pin` ([cascade id, load id]),
// written into pins_readable.cypher and the walks where they say INCLUDE readable_pin, so the one
// definition of READABLE stands in one file. READABLE is the load contract's (BOARD, item 4;
// cypher/load_is_readable.cypher says the same of one load): the cascade exists, the load is not
// doomed (its deletion may have begun), and it is the active load, a retired one still in its
// grace period, or a kept version. Also whether it is the active one, and its scope (agency,
// region, period): a kept version's own record, else the Cascade node's (which describes the
// active load; a retired load is taken to share it).
OPTIONAL MATCH (c:Cascade {id: pin[0]})
OPTIONAL MATCH (v:CascadeVersion {cascade: pin[0], load: pin[1]})
RETURN c IS NOT NULL AND NOT pin[1] IN coalesce(c.doomed, [])
         AND (c.active_load = pin[1] OR pin[1] IN coalesce(c.retired, []) OR v IS NOT NULL) AS readable,
       coalesce(c.active_load = pin[1], false) AS active,
       CASE WHEN v IS NULL OR c.active_load = pin[1] THEN c {.agency, .region, .period, .agency_key, .period_start, .period_end}
            ELSE v {.agency, .region, .period, .agency_key, .period_start, .period_end} END AS scope
