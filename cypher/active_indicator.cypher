// The node of indicator $uid in the version that currently answers for its cascade, or in the
// kept version written by load $load when one is asked for.
MATCH (i:Indicator {uid: $uid})
MATCH (c:Cascade {id: i.cascade})
WHERE i.load = coalesce($load, c.active_load)
RETURN elementId(i) AS node_id
