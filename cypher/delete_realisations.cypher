// Remove the realisations entered for $cascade's indicators (they are kept apart from the loads,
// so that reloads keep them; deleting the cascade deletes them too unless asked not to).
MATCH (r:Realisation {cascade: $cascade})
WHERE r.indicator IS NOT NULL  // lets the (cascade, indicator) index serve the lookup
CALL (r) { DETACH DELETE r } IN TRANSACTIONS OF 5000 ROWS
