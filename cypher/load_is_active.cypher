// Whether load $load is the one that answers for $cascade (the switch committed).
OPTIONAL MATCH (c:Cascade {id: $cascade})
RETURN coalesce(c.active_load = $load, false) AS active
