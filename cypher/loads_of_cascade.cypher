// A part, written into statements by `INCLUDE loads_of_cascade`: every load of $cascade present
// in the database, whether it answers or not, each once, as `load` (index seeks on (cascade, load),
// not a scan of every node). Used by cascade_loads and loads_to_collect.
CALL () {
  MATCH (n:Indicator {cascade: $cascade}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load
  UNION
  MATCH (n:Element {cascade: $cascade}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load
  UNION
  MATCH (n:Position {cascade: $cascade}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load
}
