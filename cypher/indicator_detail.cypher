// One indicator ($uid of cascade $cascade) in load $load, or in the load that answers now, read
// once from the Cascade node (the pin, docs/reads.md): its summary row (columns as in
// indicator_contributors.cypher), what only the detail shows, the scope of its version (a kept
// version's record, else the Cascade node), and the summary rows of the indicators it rolls up
// into (`up`) and of those rolling up into it (`down`), directly. `node_id` is for reading its
// figures in the same transaction (lineage/figures.py).
MATCH (c:Cascade {id: $cascade})
WITH c, coalesce($load, c.active_load) AS load
OPTIONAL MATCH (i:Indicator {uid: $uid, load: load})
OPTIONAL MATCH (v:CascadeVersion {cascade: c.id, load: load})
OPTIONAL MATCH (i)-[:MEASURES]->(e:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(o:Position)
RETURN c.id AS cascade, load, elementId(i) AS node_id,
       CASE WHEN i IS NULL THEN null ELSE
         [i.uid, i.id, i.cascade, i.load, i.name, i.unit, e.uid, e.kind, e.name, e.code, o.uid, o.name, o.tier]
       END AS indicator,
       i.also_written_as AS also_written_as, i.note AS note,
       CASE WHEN v IS NULL THEN c {.agency, .region, .period} ELSE v {.agency, .region, .period} END AS scope,
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
