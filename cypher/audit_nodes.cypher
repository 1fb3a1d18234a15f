// Every element and indicator of load $load of cascade $cascade, with what the audit's messages
// and wording rules need: level (kind), name, code, owner, an element's parent and an
// indicator's element (the kind of an indicator is the kind of the element it measures).
CALL () {
  MATCH (n:Element {cascade: $cascade, load: $load})
  OPTIONAL MATCH (n)-[:CONTRIBUTES_TO]->(p:Element)
  WITH n, min(p.uid) AS parent
  RETURN n, 'element' AS type, n.kind AS kind, parent, null AS element
  UNION ALL
  MATCH (n:Indicator {cascade: $cascade, load: $load})
  OPTIONAL MATCH (n)-[:MEASURES]->(e:Element)
  RETURN n, 'indicator' AS type, e.kind AS kind, null AS parent, e.uid AS element
}
OPTIONAL MATCH (n)-[:OWNED_BY]->(o:Position)
RETURN type, n.uid AS uid, n.id AS id, n.name AS name, n.code AS code, kind, parent, element,
       o {.uid, .name, .tier} AS owner
