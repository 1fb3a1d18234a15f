// The indicators of load $load of cascade $cascade in the file's order (`seq`): the element each
// measures, its owner, the indicators of this cascade it rolls up into, and whether it rolls up
// into another cascade by the format's default rule (`external_parent`) (lineage/export/loaded.py).
MATCH (i:Indicator {cascade: $cascade, load: $load})
OPTIONAL MATCH (i)-[:MEASURES]->(element:Element)
OPTIONAL MATCH (i)-[:OWNED_BY]->(owner:Position)
RETURN i {.id, .name, .unit, .note, .also_written_as, .type, .polarity, .definition, .formula,
          .data_source, .frequency, .data_json, .external_parent} AS indicator,
       element.id AS measures, owner.id AS owner,
       [(i)-[:CONTRIBUTES_TO]->(up:Indicator {cascade: $cascade, load: $load}) | up.id] AS contributes_to
ORDER BY i.seq
