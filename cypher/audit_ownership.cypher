// Audit rules missing-owner and owner-tier-mismatch on load $load of cascade $cascade.
// $fits maps each element kind to the position tiers that may own it. An indicator is judged
// on its own only when its owner differs from its element's (else the element's finding says it).
CALL () {
  MATCH (e:Element {cascade: $cascade, load: $load})
  OPTIONAL MATCH (e)-[:OWNED_BY]->(o:Position)
  WITH e, o
  WHERE o IS NULL OR NOT o.tier IN $fits[e.kind]
  RETURN CASE WHEN o IS NULL THEN 'missing-owner' ELSE 'owner-tier-mismatch' END AS rule, [e.uid] AS nodes
  UNION ALL
  MATCH (i:Indicator {cascade: $cascade, load: $load})
  OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
  OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
  OPTIONAL MATCH (e)-[:OWNED_BY]->(eo:Position)
  WITH i, o, e, eo
  WHERE (o IS NULL AND NOT (e IS NOT NULL AND eo IS NULL))
     OR (o IS NOT NULL AND e IS NOT NULL AND NOT o.tier IN $fits[e.kind] AND (eo IS NULL OR eo <> o))
  RETURN CASE WHEN o IS NULL THEN 'missing-owner' ELSE 'owner-tier-mismatch' END AS rule, [i.uid] AS nodes
}
RETURN rule, nodes
