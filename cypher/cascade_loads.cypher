// Every load of $cascade present in the database, whether it answers or not (index seeks on
// (cascade, load), not a scan of every node).
CALL () {
  MATCH (n:Indicator {cascade: $cascade}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load
  UNION
  MATCH (n:Element {cascade: $cascade}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load
  UNION
  MATCH (n:Position {cascade: $cascade}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load
}
RETURN collect(load) AS loads
