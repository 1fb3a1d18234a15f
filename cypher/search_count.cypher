// How many indicators the pinned loads ($loads) hold: the total of a search without words (one
// seek of the (cascade, load) index per cascade).
UNWIND keys($loads) AS cascade
MATCH (i:Indicator {cascade: cascade, load: $loads[cascade]})
RETURN count(i) AS total
