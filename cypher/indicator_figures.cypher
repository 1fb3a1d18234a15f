// Not a statement: the body of a subquery over one indicator `i`, written into
// indicator_series.cypher and indicator_detail.cypher where they say INCLUDE indicator_figures
// (lineage.cypher resolves INCLUDE lines), so the reading of an indicator's figures stands in one file.
// The figures of `i` and of its direct contributors, with the realisations entered through the
// API for each. Entered realisations are keyed by cascade, indicator id (as written in the file),
// year and quarter (0: the whole year), never by load, so they survive every reload of the
// cascade. Each period keeps every entry made for it (its history): they come oldest first
// (`seq`), so the newest wins when they are read in order. They are found through the index
// realisation_indicator (cascade, indicator): never by scanning the label, which holds every
// cascade's realisations.
// The years of the plan period are the caller's to add (from the summary of the indicator's
// version): the Cascade node only describes the current version.
CALL (i) {
  OPTIONAL MATCH (r:Realisation {cascade: i.cascade, indicator: i.id})
  WITH r ORDER BY coalesce(r.seq, 0)
  RETURN collect(r {.year, .quarter, .value, .numerator, .denominator, .note}) AS entered
}
CALL (i) {
  OPTIONAL MATCH (child:Indicator)-[:CONTRIBUTES_TO]->(i)
  CALL (child) {
    OPTIONAL MATCH (r:Realisation {cascade: child.cascade, indicator: child.id})
    WITH r ORDER BY coalesce(r.seq, 0)
    RETURN collect(r {.year, .quarter, .value, .numerator, .denominator, .note}) AS child_entered
  }
  RETURN collect(CASE WHEN child IS NULL THEN null ELSE
    {uid: child.uid, unit: child.unit, polarity: child.polarity, data_json: child.data_json, entered: child_entered}
  END) AS children
}
RETURN i {.uid, .unit, .type, .polarity, .definition, .formula, .data_source, .frequency, .data_json} AS indicator,
       entered, children
