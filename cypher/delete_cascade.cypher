// Remove one cascade entirely (run inside the load's transaction before writing it again, so a
// reload replaces the old version and a failed reload leaves it as it was).
CALL () { MATCH (n:Indicator {cascade: $cascade}) DETACH DELETE n }
CALL () { MATCH (n:Element {cascade: $cascade}) DETACH DELETE n }
CALL () { MATCH (n:Position {cascade: $cascade}) DETACH DELETE n }
CALL () { MATCH (c:Cascade {id: $cascade}) DETACH DELETE c }
