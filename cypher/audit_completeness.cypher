// Audit rules childless-element and element-without-indicator on load $load of cascade $cascade.
// A child may be another cascade's element (its `external_parent` names this one).
CALL () {
  // a leaf above the sub kegiatan level ($bottom)
  MATCH (e:Element {cascade: $cascade, load: $load})
  WHERE e.kind <> $bottom AND NOT EXISTS { (:Element)-[:CONTRIBUTES_TO]->(e) }
  RETURN 'childless-element' AS rule, [e.uid] AS nodes
  UNION ALL
  MATCH (e:Element {cascade: $cascade, load: $load})
  WHERE NOT EXISTS { (:Indicator)-[:MEASURES]->(e) }
  RETURN 'element-without-indicator' AS rule, [e.uid] AS nodes
}
RETURN rule, nodes
