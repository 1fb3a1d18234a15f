// Every realisation entered for indicator $uid's cascade and id (of any load: entries outlive
// reloads), of year $year (null: every year), newest first within each period, with when and by
// whom; the first of each period is the one that answers.
MATCH (r:Realisation {cascade: $cascade, indicator: $indicator})
WHERE $year IS NULL OR r.year = $year
RETURN r {.year, .quarter, .value, .numerator, .denominator, .note, .entered_by, .seq,
          entered_at: toString(r.entered_at)} AS entry
ORDER BY entry.year, entry.quarter, coalesce(entry.seq, 0) DESC
