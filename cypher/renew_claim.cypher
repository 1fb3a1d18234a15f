// A running load keeps its claim on $cascade alive: its lease runs $lease seconds from now.
// No row: the claim is no longer this load's (taken over by the operator, or after a lease that
// ran out unrenewed); the load must stop before its switch.
MATCH (c:Cascade {id: $cascade})
SET c._lock = true
REMOVE c._lock
WITH c
WHERE c.loading = $load
SET c.loading_until = datetime() + duration({milliseconds: toInteger($lease * 1000)})
RETURN c.id AS id
