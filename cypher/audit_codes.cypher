// Audit rules code-shape, code-authority, code-prefix (Kepmendagri 050-5889/2021 codes) on load
// $load of cascade $cascade. $shapes maps a kind to the regular expression its code must match;
// $authority is the digit the 4th segment must carry (null: the region does not say);
// $authority_levels are the kinds whose code carries it; $code_parents the kinds whose code a
// child's code must extend. A code of the wrong shape or authority is reported as that, not also
// as not extending its parent's; a wrong authority is reported on the highest element carrying it.
CALL () {
  MATCH (e:Element {cascade: $cascade, load: $load})
  WHERE e.code IS NOT NULL AND e.kind IN keys($shapes) AND NOT e.code =~ $shapes[e.kind]
  RETURN 'code-shape' AS rule, [e.uid] AS nodes
  UNION ALL
  MATCH (e:Element {cascade: $cascade, load: $load})
  WHERE $authority IS NOT NULL AND e.kind IN $authority_levels AND e.code =~ $shapes[e.kind]
    AND split(e.code, '.')[3] <> $authority
    AND NOT EXISTS {
      MATCH (e)-[:CONTRIBUTES_TO]->(p:Element {load: $load})
      WHERE p.kind IN $authority_levels AND p.code =~ $shapes[p.kind] AND split(p.code, '.')[3] <> $authority
    }
  RETURN 'code-authority' AS rule, [e.uid] AS nodes
  UNION ALL
  MATCH (e:Element {cascade: $cascade, load: $load})-[:CONTRIBUTES_TO]->(p:Element {load: $load})
  WHERE e.kind IN keys($shapes) AND e.code =~ $shapes[e.kind]
    AND ($authority IS NULL OR NOT e.kind IN $authority_levels OR split(e.code, '.')[3] = $authority)
    AND p.kind IN $code_parents AND p.code IS NOT NULL AND NOT e.code STARTS WITH p.code + '.'
  RETURN 'code-prefix' AS rule, [e.uid, p.uid] AS nodes
}
RETURN rule, nodes
