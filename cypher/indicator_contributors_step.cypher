// One step down a roll-up: the indicators that contribute directly to any of $ids (node ids).
// Links within a cascade join nodes of one load; links across cascades (`external_parent`) join
// the current versions of both (link_across) and go when either stops being current
// (unlink_across). So a walk from a current version crosses into other cascades' current
// versions and no older one; a walk from a kept version stays in it.
UNWIND $ids AS node_id
MATCH (child:Indicator)-[:CONTRIBUTES_TO]->(parent:Indicator)
WHERE elementId(parent) = node_id
RETURN elementId(child) AS from, node_id AS to
