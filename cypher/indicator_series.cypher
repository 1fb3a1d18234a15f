// The figures of indicator $node_id (elementId) and of its direct contributors, with the
// realisations entered through the API for each (indicator_figures.cypher, written in where
// INCLUDE indicator_figures stands).
MATCH (i:Indicator) WHERE elementId(i) = $node_id
CALL (i) {
  INCLUDE indicator_figures
}
RETURN indicator, entered, children
