// Audit rules level-skip, level-sideways, level-upward on load $load of cascade $cascade: every
// link within the cascade whose child is not exactly one level below its parent (links to another
// cascade are not judged: a file audited alone cannot know them). An indicator link that follows
// its elements' link is left to that element link (the format's default made it from that link).
CALL () {
  MATCH (c:Element {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(p:Element {load: $load})
  RETURN c.uid AS child, p.uid AS parent, c.level - p.level AS step
  UNION ALL
  MATCH (c:Indicator {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(p:Indicator {load: $load}),
        (c)-[:MEASURES]->(ce:Element), (p)-[:MEASURES]->(pe:Element)
  WHERE NOT EXISTS { (ce)-[:CONTRIBUTES_TO]->(pe) }
  RETURN c.uid AS child, p.uid AS parent, ce.level - pe.level AS step
}
WITH child, parent, step
WHERE step <> 1
RETURN CASE WHEN step > 1 THEN 'level-skip' WHEN step = 0 THEN 'level-sideways' ELSE 'level-upward' END AS rule,
       [child, parent] AS nodes
