// The links of load $load of cascade $cascade that lie on a cycle within it: a link a -> b whose
// parent b rolls up, in one or more steps through this load, back into a. `follows` marks an
// indicator link that follows its elements' link (an indicator cycle made only of those repeats
// an element cycle). lineage/audit/cycles.py turns these links into one finding per cycle.
CALL () {
  MATCH (a:Element {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(b:Element {load: $load})
  WHERE EXISTS { (b) (()-[:CONTRIBUTES_TO]->(:Element {load: $load}))+ (a) }
  RETURN 'element' AS graph, a.uid AS child, b.uid AS parent, false AS follows
  UNION ALL
  MATCH (a:Indicator {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(b:Indicator {load: $load})
  WHERE EXISTS { (b) (()-[:CONTRIBUTES_TO]->(:Indicator {load: $load}))+ (a) }
  RETURN 'indicator' AS graph, a.uid AS child, b.uid AS parent,
         EXISTS { (a)-[:MEASURES]->(:Element)-[:CONTRIBUTES_TO]->(:Element)<-[:MEASURES]-(b) } AS follows
}
RETURN graph, child, parent, follows
