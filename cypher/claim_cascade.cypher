// Take the claim on $cascade for $load (owner $owner, described as $by) unless another live one
// holds it. A claim is free when nobody holds it, when its lease ran out (not renewed: its owner
// died or lost Neo4j), when it is $dead (its owner was found dead by the caller), or when the
// caller takes it over ($take_over, the operator's way out). The write lock is taken before the
// claim is read (`_lock`), so two loads claiming at once cannot both read "free" (read-committed).
// Returns the load that answers queries now (null for a new cascade), its version label, who
// holds the claim after this, and the claim before (the live holder, or the one replaced).
MERGE (c:Cascade {id: $cascade})
SET c._lock = true
REMOVE c._lock
WITH c, c {.loading, .loading_owner, .loading_by,
           since: toString(c.loading_since),
           until: toString(coalesce(c.loading_until, c.loading_since + duration({seconds: $lease}))),
           expired: coalesce(c.loading_until, c.loading_since + duration({seconds: $lease})) <= datetime()} AS before
WITH c, before, before.loading IS NULL OR before.expired OR before.loading = $dead OR $take_over AS free
FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END |
  SET c.loading = $load, c.loading_since = datetime(),
      c.loading_until = datetime() + duration({milliseconds: toInteger($lease * 1000)}),
      c.loading_owner = $owner, c.loading_by = $by)
RETURN c.active_load AS active_load, c.version AS active_version, c.loading AS loading, before AS previous
