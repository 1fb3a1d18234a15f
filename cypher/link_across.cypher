// In the switch: link the new current version $load of $cascade with the current versions of
// other cascades. Out: its elements that serve another cascade's element (`external_parent`)
// contribute to it, and their indicators to that element's indicators. In: the same, from other
// cascades' current elements and indicators that point into this cascade ($prefix = "$cascade:").
CALL () {
  MATCH (e:Element {cascade: $cascade, load: $load})
  WHERE e.external_parent IS NOT NULL
  MATCH (p:Element {uid: e.external_parent})
  MATCH (pc:Cascade {id: p.cascade}) WHERE pc.active_load = p.load
  MERGE (e)-[r:CONTRIBUTES_TO]->(p)
  RETURN count(r) AS elements_out
}
CALL () {
  MATCH (i:Indicator {cascade: $cascade, load: $load})
  WHERE i.external_parent IS NOT NULL
  MATCH (p:Element {uid: i.external_parent})
  MATCH (pc:Cascade {id: p.cascade}) WHERE pc.active_load = p.load
  MATCH (pi:Indicator)-[:MEASURES]->(p)
  MERGE (i)-[r:CONTRIBUTES_TO]->(pi)
  RETURN count(r) AS indicators_out
}
CALL () {
  MATCH (e:Element)
  WHERE e.external_parent STARTS WITH $prefix
  MATCH (ec:Cascade {id: e.cascade}) WHERE ec.active_load = e.load
  MATCH (p:Element {uid: e.external_parent, load: $load})
  MERGE (e)-[r:CONTRIBUTES_TO]->(p)
  RETURN count(r) AS elements_in
}
CALL () {
  MATCH (i:Indicator)
  WHERE i.external_parent STARTS WITH $prefix
  MATCH (ic:Cascade {id: i.cascade}) WHERE ic.active_load = i.load
  MATCH (p:Element {uid: i.external_parent, load: $load})<-[:MEASURES]-(pi:Indicator)
  MERGE (i)-[r:CONTRIBUTES_TO]->(pi)
  RETURN count(r) AS indicators_in
}
RETURN elements_out + indicators_out + elements_in + indicators_in AS linked
