// Remove the nodes of $cascade written by the loads in $loads, in batches of their own
// transactions (a big cascade does not fit in one). Only ever run on loads no query reads:
// replaced versions, and the remains of a failed or interrupted load. One index seek per label
// and load (the (cascade, load) indexes), not a scan of every node.
UNWIND $loads AS load
CALL (load) {
  MATCH (n:Indicator {cascade: $cascade, load: load}) RETURN n
  UNION
  MATCH (n:Element {cascade: $cascade, load: load}) RETURN n
  UNION
  MATCH (n:Position {cascade: $cascade, load: load}) RETURN n
}
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
