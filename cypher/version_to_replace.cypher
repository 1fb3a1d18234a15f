// Which load a load of cascade $cascade with version label $version ("" for unlabelled) would
// replace: the current one when its label is the same, else a kept version of that label (else
// none: the current version is kept beside the new one). Also the current load and its label.
// No row: no such cascade (a first load).
MATCH (c:Cascade {id: $cascade})
WHERE c.active_load IS NOT NULL
OPTIONAL MATCH (v:CascadeVersion {cascade: $cascade})
WHERE coalesce(v.version, '') = $version
WITH c, head(collect(v.load)) AS kept
RETURN CASE WHEN coalesce(c.version, '') = $version THEN c.active_load ELSE kept END AS replaces,
       c.active_load AS active_load, c.version AS active_version
