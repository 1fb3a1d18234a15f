// The elements of load $load of cascade $cascade in the file's order (`seq`), each with its
// parent in this cascade and its owner (lineage/export/loaded.py).
MATCH (e:Element {cascade: $cascade, load: $load})
OPTIONAL MATCH (e)-[:CONTRIBUTES_TO]->(parent:Element {cascade: $cascade, load: $load})
OPTIONAL MATCH (e)-[:OWNED_BY]->(owner:Position)
RETURN e {.id, .kind, .name, .code, .note, .external_parent, .budget_json} AS element,
       parent.id AS parent, owner.id AS owner
ORDER BY e.seq
