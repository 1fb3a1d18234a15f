// The cascade $cascade as the exports write it (lineage/export/loaded.py), first statement: its
// own properties, read from the load $load pins (pinned_load.cypher) or, when that load is a kept
// version, from its CascadeVersion (the Cascade node describes the current version only).
MATCH (c:Cascade {id: $cascade})
OPTIONAL MATCH (v:CascadeVersion {cascade: $cascade, load: $load})
RETURN c {.id, .agency, .region, .period, .version, .source, .active_load} AS current,
       v {.agency, .region, .period, .version} AS kept
