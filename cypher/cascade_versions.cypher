// The versions of cascade $cascade: the current one (its Cascade node) and the kept ones, newest first.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
CALL (c) {
  OPTIONAL MATCH (v:CascadeVersion {cascade: c.id})
  WITH v ORDER BY v.loaded_at DESC
  RETURN collect(v {.load, .version, .loaded_at, .file, .period, .agency}) AS kept
}
RETURN c {.active_load, .version, .loaded_at, .file, .period, .agency} AS current, kept
