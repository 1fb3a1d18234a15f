// Every element and indicator of load $load of cascade $cascade, with what the audit's messages
// and wording rules need: level (kind), name, code, owner, an element's parent (in this load) and
// an indicator's element (the kind of an indicator is the kind of the element it measures), and
// `external_parent`: an element's element of another cascade, set on an indicator that rolls up
// into another cascade by the format's default.
// One record holding a list of rows [type, uid, id, name, code, kind, parent, element,
// external_parent, owner's uid] and the list of the owners {uid, name, tier}: the driver reads one
// big list several times faster than 200,000 records, and each owner is sent once, not once for
// each node it owns (a map of three strings per node was most of what the audit read and held).
CALL () {
  MATCH (n:Element {cascade: $cascade, load: $load})
  OPTIONAL MATCH (n)-[:CONTRIBUTES_TO]->(p:Element {load: $load})
  WITH n, min(p.uid) AS parent
  RETURN n, 'element' AS type, n.kind AS kind, parent, null AS element
  UNION ALL
  MATCH (n:Indicator {cascade: $cascade, load: $load})
  OPTIONAL MATCH (n)-[:MEASURES]->(e:Element)
  RETURN n, 'indicator' AS type, e.kind AS kind, null AS parent, e.uid AS element
}
OPTIONAL MATCH (n)-[:OWNED_BY]->(o:Position)
WITH collect([type, n.uid, n.id, n.name, n.code, kind, parent, element, n.external_parent, o.uid]) AS nodes,
     collect(DISTINCT o) AS owners
RETURN nodes, [o IN owners | o {.uid, .name, .tier}] AS positions
