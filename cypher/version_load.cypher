// The load that wrote version $version (a label, or a load id) of cascade $cascade: the active
// load when its label (or id) is asked for, else a kept version's; no row when neither has it.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
CALL (c) {
  WITH c WHERE $version IN [c.active_load, c.version]
  RETURN c.active_load AS load, 0 AS rank
  UNION
  MATCH (v:CascadeVersion {cascade: c.id})
  WHERE $version IN [v.load, v.version]
  RETURN v.load AS load, 1 AS rank
}
RETURN load
ORDER BY rank
LIMIT 1
