// The cascade itself: agency, region, period and where it was loaded from.
MERGE (c:Cascade {id: $cascade})
SET c = $properties
