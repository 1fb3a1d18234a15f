// Record what was realised for indicator $node_id (elementId) in $year ($quarter 0: the whole
// year), entered by $who. Earlier entries for the same period are kept, not overwritten: the new
// entry gets the next `seq` and answers from now on (the newest wins), the history stays listed.
// Keyed by cascade and the indicator's id in the file, not by load: it outlives reloads and new
// versions of the cascade. The indicator's write lock is taken first, so two entries made at
// once get distinct `seq` and each sees the other as its `before`. Returns the entry it replaces
// as the answer (null: none) and the new one, for the change log.
MATCH (i:Indicator) WHERE elementId(i) = $node_id
SET i._lock = true
REMOVE i._lock
WITH i
CALL (i) {
  OPTIONAL MATCH (r:Realisation {cascade: i.cascade, indicator: i.id})
  WHERE r.year = $year AND r.quarter = $quarter
  WITH r ORDER BY coalesce(r.seq, 0) DESC
  LIMIT 1
  RETURN r AS previous
}
CREATE (r:Realisation {cascade: i.cascade, indicator: i.id, year: $year, quarter: $quarter,
                       seq: coalesce(previous.seq, 0) + 1, entered_at: datetime(), entered_by: $who})
SET r.value = $value, r.numerator = $numerator, r.denominator = $denominator, r.note = $note
RETURN i.cascade AS cascade, i.uid AS indicator,
       previous {.value, .numerator, .denominator, .note} AS before,
       r {.value, .numerator, .denominator, .note} AS after
