// A load of version $version replaces the kept version of the same label (if any): its record
// goes now, in the switch; its nodes are deleted after it, like any replaced load's.
MATCH (v:CascadeVersion {cascade: $cascade})
WHERE coalesce(v.version, '') = $version
WITH v, v.load AS load
DELETE v
RETURN collect(load) AS loads
