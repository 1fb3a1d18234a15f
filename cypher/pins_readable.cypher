// For each of $pins ([cascade id, load id] pairs: the loads a question read), whether the load is
// READABLE, whether it is the active one, and its scope (see readable_pin.cypher, written in where
// INCLUDE readable_pin stands). Run last in the question's read transaction (docs/reads.md): a load not
// doomed then had none of its nodes deleted while the question read it.
UNWIND $pins AS pin
CALL (pin) {
  INCLUDE readable_pin
}
RETURN pin[0] AS cascade, pin[1] AS load, readable, active, scope
