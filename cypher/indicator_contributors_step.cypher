// One step down a roll-up: the indicators that contribute directly to any of $uids.
UNWIND $uids AS uid
MATCH (child:Indicator)-[:CONTRIBUTES_TO]->(:Indicator {uid: uid})
RETURN child.uid AS from, uid AS to
