// One indicator ($uid of cascade $cascade) in load $load, or in the load that answers now, read
// once from the Cascade node (the pin, docs/reads.md), in one statement: its summary row (columns
// as in indicator_contributors.cypher), what only the detail shows, the scope of its version (a
// kept version's record, else the Cascade node), the summary rows of the indicators it rolls up
// into (`up`) and of those rolling up into it (`down`), directly, its figures
// (indicator_figures.cypher, written in where it says INCLUDE indicator_figures; null without an
// indicator), and last the check of every load read (`checked`), so the question costs one round
// trip.
MATCH (c:Cascade {id: $cascade})
WITH c, coalesce($load, c.active_load) AS load
OPTIONAL MATCH (i:Indicator {uid: $uid, load: load})
OPTIONAL MATCH (v:CascadeVersion {cascade: c.id, load: load})
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
WITH c, load, i, v, e, o,
     COLLECT {
       MATCH (i)-[:CONTRIBUTES_TO]->(n:Indicator)
       OPTIONAL MATCH (n)-[:MEASURES]->(ne:Element)
       OPTIONAL MATCH (n)-[:OWNED_BY]->(no:Position)
       RETURN [n.uid, n.id, n.cascade, n.load, n.name, n.unit, ne.uid, ne.kind, ne.name, ne.code, no.uid, no.name, no.tier]
     } AS up,
     COLLECT {
       MATCH (n:Indicator)-[:CONTRIBUTES_TO]->(i)
       OPTIONAL MATCH (n)-[:MEASURES]->(ne:Element)
       OPTIONAL MATCH (n)-[:OWNED_BY]->(no:Position)
       RETURN [n.uid, n.id, n.cascade, n.load, n.name, n.unit, ne.uid, ne.kind, ne.name, ne.code, no.uid, no.name, no.tier]
     } AS down
OPTIONAL CALL (i) {
  WITH i WHERE i IS NOT NULL
  CALL (i) {
    INCLUDE indicator_figures
  }
  RETURN {indicator: indicator, entered: entered, children: children} AS figures
}
// Last, after every read above: the check of every load read (docs/reads.md).
CALL (c, load, up, down) {
  UNWIND [[c.id, load]] + [row IN up + down | [row[2], row[3]]] AS pin
  WITH DISTINCT pin
  CALL (pin) {
    INCLUDE readable_pin
  }
  RETURN collect({cascade: pin[0], load: pin[1], readable: readable, active: active, scope: scope}) AS checked
}
RETURN c.id AS cascade, load,
       CASE WHEN i IS NULL THEN null ELSE
         [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier]
       END AS indicator,
       i.also_written_as AS also_written_as, i.note AS note,
       CASE WHEN v IS NULL THEN c {.agency, .region, .period} ELSE v {.agency, .region, .period} END AS scope,
       up, down, figures, checked
