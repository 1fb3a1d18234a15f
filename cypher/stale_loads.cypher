// Loads of $cascade that nothing points at (neither the Cascade node nor a kept version):
// the remains of loads that were interrupted.
MATCH (c:Cascade {id: $cascade})
MATCH (n:Indicator|Element|Position)
WHERE n.cascade = c.id AND n.load <> coalesce(c.active_load, '') AND n.load <> coalesce(c.loading, '')
  AND NOT EXISTS { MATCH (:CascadeVersion {cascade: c.id, load: n.load}) }
RETURN collect(DISTINCT n.load) AS loads
