// Indicators of the pinned loads ($loads: cascade id -> load id) whose spellings match the Lucene
// query $words (lineage/search.py builds it: whole words, one typo, other spellings, a prefix for
// the word being typed) through the full-text index indicator_words, best scores first, at most
// $candidates: summary rows (columns as in indicator_contributors.cypher) with the folded spellings,
// which the search ranks itself (exact, every word, near), so that pages do not depend on scores.
CALL db.index.fulltext.queryNodes('indicator_words', $words) YIELD node AS i
WITH i
WHERE $loads[i.cascade] = i.load
WITH i LIMIT $candidates
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier] AS row,
       i.search_key AS key, i.search_text AS spellings
