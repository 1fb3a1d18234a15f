// The last step of removing a cascade: its node, once its loads are gone (only by its claimant).
MATCH (c:Cascade {id: $cascade})
WHERE c.loading = $load
DELETE c
