// Before any node of the loads $loads of $cascade is deleted: mark them doomed, in a transaction
// of its own, so that a reader that pinned one of them learns (load_is_readable) that what it
// read may be incomplete. A doomed load leaves `retired` (with its grace deadline): it is no
// longer readable. Runs under the cascade's claim. Returns the doomed list after the change.
MATCH (c:Cascade {id: $cascade})
SET c._lock = true
REMOVE c._lock
WITH c, coalesce(c.retired, []) AS retired, coalesce(c.retired_until, []) AS until, coalesce(c.doomed, []) AS doomed
WITH c, doomed, [i IN range(0, size(retired) - 1) WHERE NOT retired[i] IN $loads | [retired[i], until[i]]] AS kept
WITH c, doomed + [load IN $loads WHERE NOT load IN doomed] AS doomed, kept
SET c.doomed = CASE WHEN doomed = [] THEN null ELSE doomed END,
    c.retired = CASE WHEN kept = [] THEN null ELSE [k IN kept | k[0]] END,
    c.retired_until = CASE WHEN kept = [] THEN null ELSE [k IN kept | k[1]] END
RETURN doomed
