// As search_words.cypher, for a search matching more than $candidates indicators: which of them the
// index's best scores pick shifts whenever any cascade is loaded (scores depend on the index's
// statistics), so the same question would rank another set after a reload of unrelated data.
// Here the cut is by name (folded name, then id), the same for the same data: the search still
// ranks these itself, and its answer says `truncated`.
CALL db.index.fulltext.queryNodes('indicator_words', $words) YIELD node AS i
WITH i
WHERE $loads[i.cascade] = i.load
WITH i ORDER BY i.search_key, i.uid LIMIT $candidates
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier] AS row,
       i.search_key AS key, i.search_text AS spellings
