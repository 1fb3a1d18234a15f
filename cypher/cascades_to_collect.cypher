// For the janitor: the cascades with a retired load whose grace has run out, or with doomed
// loads left by an interrupted deletion. (A scan of the Cascade nodes: there are a few per
// agency, not per indicator.)
MATCH (c:Cascade)
WHERE c.doomed IS NOT NULL OR any(until IN coalesce(c.retired_until, []) WHERE until <= datetime())
RETURN collect(c.id) AS cascades
