// The indicators of load $load of cascade $cascade: id and name (what a load would remove is
// judged by id). One index seek on (cascade, load).
MATCH (i:Indicator {cascade: $cascade, load: $load})
RETURN i.id AS id, i.name AS name
