// Audit rules orphan-element, orphan-indicator, unmeasured-indicator, unsupported-indicator
// (see lineage/audit/rules.py) on load $load of cascade $cascade. $tops: the kinds a cascade may
// start from (the region's goals, an agency's own goals); $bottom: the lowest kind (sub kegiatan).
// A parent may be in another cascade (`external_parent`, linked only while that cascade is
// loaded, so the property is what counts); support may come from another cascade's current
// version too (the links it makes into this one).
CALL () {
  // below the top, and no parent element
  MATCH (e:Element {cascade: $cascade, load: $load})
  WHERE NOT e.kind IN $tops AND e.external_parent IS NULL AND NOT EXISTS { (e)-[:CONTRIBUTES_TO]->(:Element) }
  RETURN 'orphan-element' AS rule, [e.uid] AS nodes
  UNION ALL
  // rolls up into no indicator, though its element has a parent (else orphan-element says it)
  MATCH (i:Indicator {cascade: $cascade, load: $load})-[:MEASURES]->(e:Element)
  WHERE NOT e.kind IN $tops AND i.external_parent IS NULL AND NOT EXISTS { (i)-[:CONTRIBUTES_TO]->(:Indicator) }
    AND (e.external_parent IS NOT NULL OR EXISTS { (e)-[:CONTRIBUTES_TO]->(:Element) })
  RETURN 'orphan-indicator' AS rule, [i.uid] AS nodes
  UNION ALL
  MATCH (i:Indicator {cascade: $cascade, load: $load})
  WHERE NOT EXISTS { (i)-[:MEASURES]->(:Element) }
  RETURN 'unmeasured-indicator' AS rule, [i.uid] AS nodes
  UNION ALL
  // above the bottom, nothing rolls up into it, though the elements under its own carry indicators
  MATCH (i:Indicator {cascade: $cascade, load: $load})-[:MEASURES]->(e:Element)
  WHERE e.kind <> $bottom AND NOT EXISTS { (:Indicator)-[:CONTRIBUTES_TO]->(i) }
    AND EXISTS { (e)<-[:CONTRIBUTES_TO]-(:Element)<-[:MEASURES]-(:Indicator) }
  RETURN 'unsupported-indicator' AS rule, [i.uid] AS nodes
}
RETURN rule, nodes
