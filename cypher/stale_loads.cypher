// Loads of $cascade that nothing points at (neither the Cascade node nor a kept version):
// the remains of loads that were interrupted. Each distinct load is judged once.
MATCH (c:Cascade {id: $cascade})
CALL (c) {
  MATCH (n:Indicator {cascade: c.id}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load
  UNION
  MATCH (n:Element {cascade: c.id}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load
  UNION
  MATCH (n:Position {cascade: c.id}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load
}
WITH c, load
WHERE load <> coalesce(c.active_load, '') AND load <> coalesce(c.loading, '')
  AND NOT EXISTS { MATCH (:CascadeVersion {cascade: c.id, load: load}) }
RETURN collect(load) AS loads
