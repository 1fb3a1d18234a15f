// One step up a roll-up: the indicators that each of $uids contributes to directly.
UNWIND $uids AS uid
MATCH (:Indicator {uid: uid})-[:CONTRIBUTES_TO]->(parent:Indicator)
RETURN uid AS from, parent.uid AS to
