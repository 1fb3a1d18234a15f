// Before the switch, when the new load has another version label: keep the version that answers
// now ($previous) as a (:CascadeVersion), with the properties its Cascade node holds (agency,
// period, file, loaded_at, version, ...), so it stays queryable by its label or its load id.
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load = $previous
CREATE (v:CascadeVersion)
SET v = properties(c)
SET v.cascade = c.id, v.load = c.active_load, v.kept_at = datetime()
REMOVE v.id, v.active_load, v.loading, v.loading_since, v.loading_until, v.loading_owner, v.loading_by, v.doomed, v.retired,
       v.retired_until
RETURN v.load AS load
