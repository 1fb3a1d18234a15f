// Every indicator of load $load of cascade $cascade, with the element it measures and that
// element's parent (for telling a renamed indicator from a moved one), and its figures.
MATCH (i:Indicator {cascade: $cascade, load: $load})
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (e)-[:CONTRIBUTES_TO]->(p:Element {load: $load})
RETURN i {.id, .uid, .name, .unit, .data_json} AS indicator,
       e {.id, .kind, .code, .name, .external_parent} AS element,
       p {.id, .kind, .code, .name} AS parent
ORDER BY i.seq
