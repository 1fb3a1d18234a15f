// Record one write (a load, an import, a delete, a realisation) in the change log, inside the
// transaction that makes the write, so a write is never without its record nor a record without
// its write. $before/$after (realisations) and $details are JSON text: properties hold no maps.
CREATE (ch:Change {id: randomUUID(), at: datetime(), who: $who, who_kind: $who_kind, via: $via,
                   action: $action, cascade: $cascade})
SET ch.load = $load, ch.indicator = $indicator, ch.year = $year, ch.quarter = $quarter,
    ch.before_json = $before, ch.after_json = $after, ch.details_json = $details
RETURN ch.id AS id
