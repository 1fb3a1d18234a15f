// Every position, element and indicator of load $load of cascade $cascade, with what it is
// linked to inside the load (owner, measured element, parents), to compare a file with it
// (a dry run). Links to other cascades are left out: they are remade at every switch.
CALL () {
  MATCH (n:Position {cascade: $cascade, load: $load}) RETURN n
  UNION
  MATCH (n:Element {cascade: $cascade, load: $load}) RETURN n
  UNION
  MATCH (n:Indicator {cascade: $cascade, load: $load}) RETURN n
}
OPTIONAL MATCH (n)-[:OWNED_BY]->(owner:Position)
OPTIONAL MATCH (n)-[:MEASURES]->(measured:Element)
CALL (n) {
  OPTIONAL MATCH (n)-[:CONTRIBUTES_TO]->(parent {cascade: $cascade, load: $load})
  RETURN collect(parent.uid) AS parents
}
RETURN labels(n) AS labels, properties(n) AS properties, owner.uid AS owner, measured.uid AS measures, parents
