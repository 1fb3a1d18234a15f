// The switch: from now on $load answers for $cascade. One small transaction, so readers see
// either the old version or the new one, never a mixture. The properties describing the version
// are replaced by $properties; those of the load lifecycle (the claim, doomed, retired) are kept.
// The loads it replaces ($retire: the version that answered until now, unless kept, and a kept
// version of the same label) are retired: readable for $grace seconds more, for the questions and
// cursors that pinned them, then doomed and deleted (by the next load or the API's janitor). The
// claim stays: the load still collects what has expired before it lets go.
MATCH (c:Cascade {id: $cascade})
SET c._lock = true
REMOVE c._lock
WITH c
WHERE c.loading = $load
WITH c, c {.loading, .loading_since, .loading_until, .loading_owner, .loading_by, .doomed} AS lifecycle,
     coalesce(c.retired, []) + $retire AS retired,
     coalesce(c.retired_until, []) + [_ IN $retire | datetime() + duration({milliseconds: toInteger($grace * 1000)})] AS until
SET c = $properties
SET c += lifecycle
SET c.id = $cascade, c.active_load = $load,
    c.retired = CASE WHEN retired = [] THEN null ELSE retired END,
    c.retired_until = CASE WHEN retired = [] THEN null ELSE until END
RETURN c.id AS id
