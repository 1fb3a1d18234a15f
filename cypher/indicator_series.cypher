// The figures of indicator $node_id (elementId) and of its direct contributors, with the
// realisations entered through the API for each (indicator_figures.cypher, written in where
// INDICATOR_FIGURES stands: run it through lineage.pins.statement_text).
MATCH (i:Indicator) WHERE elementId(i) = $node_id
CALL (i) {
  INDICATOR_FIGURES
}
RETURN indicator, entered, children
