// Audit rules level-skip, level-sideways, level-upward on load $load of cascade $cascade: every
// link within the cascade whose parent is not of a level its child may serve ($serves: kind ->
// kinds, from lineage/cascade/vocabulary.py: the level above, and past an optional level such as
// the agency's goals the one above that). $levels: kind -> its place, top = 0; judged from the
// kinds, not from the stored `level`, so the rules hold for loads written before a level was
// added. Links to another cascade are not judged (a file audited alone cannot know them). An
// indicator link that follows its elements' link is left to that element link.
CALL () {
  MATCH (c:Element {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(p:Element {load: $load})
  RETURN c.uid AS child, p.uid AS parent, c.kind AS child_kind, p.kind AS parent_kind
  UNION ALL
  MATCH (c:Indicator {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(p:Indicator {load: $load}),
        (c)-[:MEASURES]->(ce:Element), (p)-[:MEASURES]->(pe:Element)
  WHERE NOT EXISTS { (ce)-[:CONTRIBUTES_TO]->(pe) }
  RETURN c.uid AS child, p.uid AS parent, ce.kind AS child_kind, pe.kind AS parent_kind
}
WITH child, parent, child_kind, parent_kind, $levels[child_kind] - $levels[parent_kind] AS step
WHERE NOT parent_kind IN $serves[child_kind]
RETURN CASE WHEN step > 0 THEN 'level-skip' WHEN step = 0 THEN 'level-sideways' ELSE 'level-upward' END AS rule,
       [child, parent] AS nodes
