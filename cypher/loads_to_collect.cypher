// What a load of $cascade (or the janitor), holding its claim, deletes: loads whose grace since
// they were replaced has run out (`retired_until` passed), loads already doomed whose deletion was
// interrupted, and the remains of loads that died before their switch (nodes of a load that
// nothing points at: not active, not claimed, not retired, not kept). Each distinct load once.
MATCH (c:Cascade {id: $cascade})
WITH c, coalesce(c.retired, []) AS retired, coalesce(c.retired_until, []) AS until
WITH c, retired, [i IN range(0, size(retired) - 1) WHERE until[i] <= datetime() | retired[i]] AS expired
CALL (c, retired) {
  INCLUDE loads_of_cascade
  WITH c, retired, load
  WHERE load <> coalesce(c.active_load, '') AND load <> coalesce(c.loading, '') AND NOT load IN retired
    AND NOT EXISTS { MATCH (:CascadeVersion {cascade: c.id, load: load}) }
  RETURN collect(load) AS remains
}
RETURN expired, coalesce(c.doomed, []) AS doomed, [load IN remains WHERE NOT load IN coalesce(c.doomed, [])] AS remains
