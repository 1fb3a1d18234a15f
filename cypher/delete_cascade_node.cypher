// The last step of removing a cascade: its node and the records of its kept versions, once its
// loads are gone (only by its claimant).
MATCH (c:Cascade {id: $cascade})
WHERE c.loading = $load
CALL (c) {
  MATCH (v:CascadeVersion {cascade: c.id})
  DELETE v
}
DELETE c
