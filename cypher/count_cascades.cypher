// How many cascades are loaded (health check; `lineage serve` loads Makassar when none is).
MATCH (c:Cascade) RETURN count(c) AS cascades
