// After a bulk import: the loader stores an indicator's `also_written_as` even when it is an empty
// list; a CSV cannot tell an empty list from no value, so the importer left those out. Put them
// back, so a bulk-loaded cascade is the same graph as a loaded one.
MATCH (i:Indicator)
WHERE i.also_written_as IS NULL
CALL (i) { SET i.also_written_as = [] } IN TRANSACTIONS OF 10000 ROWS
