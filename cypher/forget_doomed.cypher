// After the nodes of the doomed loads $loads of $cascade are all deleted: they leave `doomed`.
MATCH (c:Cascade {id: $cascade})
SET c._lock = true
REMOVE c._lock
WITH c, [load IN coalesce(c.doomed, []) WHERE NOT load IN $loads] AS doomed
SET c.doomed = CASE WHEN doomed = [] THEN null ELSE doomed END
