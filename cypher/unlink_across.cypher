// In the switch: the links between version $previous of $cascade and other cascades go, both
// ways, so only current versions are ever linked across cascades (a kept older version answers
// for its own cascade only). $prefix is "$cascade:", the start of the ids that point into it.
CALL () {
  MATCH (n:Element|Indicator {cascade: $cascade, load: $previous})
  WHERE n.external_parent IS NOT NULL
  MATCH (n)-[r:CONTRIBUTES_TO]->(m)
  WHERE m.cascade <> $cascade
  DELETE r
  RETURN count(r) AS outgoing
}
CALL () {
  MATCH (m:Element|Indicator)
  WHERE m.external_parent STARTS WITH $prefix
  MATCH (m)-[r:CONTRIBUTES_TO]->(n {cascade: $cascade, load: $previous})
  DELETE r
  RETURN count(r) AS incoming
}
RETURN outgoing + incoming AS unlinked
