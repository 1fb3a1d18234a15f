// How many cascades answer queries (health check; `lineage serve` loads Makassar when none does).
MATCH (c:Cascade) WHERE c.active_load IS NOT NULL
RETURN count(c) AS cascades
