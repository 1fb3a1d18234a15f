// Positions (jabatan): Walikota, Kepala Dinas, Eselon III, JAFUNG/STAF.
// CREATE, not MERGE: the load has just deleted this cascade, so an existing node with the same
// uid belongs to something else, and the uniqueness constraint must stop the load, not let it
// take that node over.
UNWIND $rows AS row
CREATE (p:Position)
SET p = row
