// Every load of $cascade present in the database, whether it answers or not.
MATCH (n:Indicator|Element|Position)
WHERE n.cascade = $cascade
RETURN collect(DISTINCT n.load) AS loads
