// The fallback of a search for part of a word within a scope (a cascade, an agency's, a period's):
// as search_part.cypher, but reading the indicators of each pinned load ($loads) through the
// index on (cascade, load) and testing each name, at most $candidates, in that index's order. Why
// not the text index there: it yields the matches of every cascade and every load in the
// database, each then tested against the scope; a common part of a word ("koperasi") matched
// 57,000 indicators of a 212,000-indicator store, 130 ms, to keep the 15 of a city's cascade.
UNWIND keys($loads) AS cascade
MATCH (i:Indicator {cascade: cascade, load: $loads[cascade]})
USING INDEX i:Indicator(cascade, load)
WHERE i.search_text CONTAINS $part
WITH i LIMIT $candidates
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier] AS row,
       i.search_key AS key, i.search_text AS spellings
