// For each of $pins ([cascade id, load id] pairs: the loads a question read), whether the load is
// READABLE as the load contract defines it (docs/reads.md, the board's LOAD CONTRACT item 4): its
// cascade exists, the load is not doomed (about to be deleted), and it is the active load, a
// retired one still in its grace period, or a kept version. Run last in the question's read
// transaction: a load not doomed then had none of its nodes deleted while the question read it.
// Also each load's scope (agency, region, period): a kept version's own record, else the Cascade
// node's (which describes the active load; a retired load is taken to share it).
UNWIND $pins AS pin
OPTIONAL MATCH (c:Cascade {id: pin[0]})
OPTIONAL MATCH (v:CascadeVersion {cascade: pin[0], load: pin[1]})
WITH pin, c, v,
     c IS NOT NULL AND NOT pin[1] IN coalesce(c.doomed, [])
       AND (c.active_load = pin[1] OR pin[1] IN coalesce(c.retired, []) OR v IS NOT NULL) AS readable
WITH pin, c, readable, CASE WHEN v IS NULL OR c.active_load = pin[1] THEN c ELSE v END AS version
RETURN pin[0] AS cascade, pin[1] AS load, readable, coalesce(c.active_load = pin[1], false) AS active,
       version {.agency, .region, .period, .agency_key, .period_start, .period_end} AS scope
