// The node of indicator $uid in the version that currently answers for its cascade.
MATCH (i:Indicator {uid: $uid})
MATCH (c:Cascade {id: i.cascade})
WHERE c.active_load = i.load
RETURN elementId(i) AS node_id
