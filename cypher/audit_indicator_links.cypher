// The roll-up links between the indicators of load $load of cascade $cascade (links never
// cross loads, so starting from the load's nodes is enough).
MATCH (a:Indicator {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(b:Indicator)
RETURN a.uid AS child, b.uid AS parent
