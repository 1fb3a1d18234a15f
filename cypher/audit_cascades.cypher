// The cascades an audit reads, each with the load that answers for it now: every other audit
// query reads only that load. The region sets the authority digit of the cascade's codes (2 for a
// kota or kabupaten). All of them, always: the set of active loads is also what tells the API
// whether the findings it keeps still hold (lineage/audit/service.py).
MATCH (c:Cascade)
WHERE c.active_load IS NOT NULL
RETURN c.id AS id, c.active_load AS load, c.region AS region, c.agency AS agency
ORDER BY id
