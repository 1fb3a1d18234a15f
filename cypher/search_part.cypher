// The fallback of a search for part of a word: indicators of the pinned loads ($loads) whose
// folded spellings contain $part (the text index indicator_search_text serves CONTAINS), at most
// $candidates; rows as in search_words.cypher.
MATCH (i:Indicator)
WHERE i.search_text CONTAINS $part AND $loads[i.cascade] = i.load
WITH i LIMIT $candidates
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier] AS row,
       i.search_key AS key, i.search_text AS spellings
