// Record what was realised for indicator $node_id (elementId) in $year ($quarter 0: the whole
// year), replacing an earlier entry for the same period. Keyed by cascade and the indicator's id
// in the file, not by load: it outlives reloads and new versions of the cascade.
MATCH (i:Indicator) WHERE elementId(i) = $node_id
MERGE (r:Realisation {cascade: i.cascade, indicator: i.id, year: $year, quarter: $quarter})
SET r.value = $value, r.numerator = $numerator, r.denominator = $denominator, r.note = $note,
    r.entered_at = datetime()
RETURN r.year AS year
