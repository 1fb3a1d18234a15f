// Mark a load of $cascade as under way, unless another one is (and is not older than $stale_after).
// Returns the load that answers queries now (null for a new cascade), its version label, and who
// holds the claim. The write lock is taken before the claim is read (`_lock`), so two loads
// claiming at once cannot both read "free" and both believe they hold it (read-committed).
MERGE (c:Cascade {id: $cascade})
SET c._lock = true
REMOVE c._lock
WITH c, c.loading IS NOT NULL AND c.loading_since > datetime() - duration($stale_after) AS busy
FOREACH (_ IN CASE WHEN busy THEN [] ELSE [1] END |
  SET c.loading = $load, c.loading_since = datetime())
RETURN c.active_load AS active_load, c.version AS active_version, c.loading AS loading,
       toString(c.loading_since) AS loading_since
