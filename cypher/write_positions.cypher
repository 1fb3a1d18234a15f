// Positions (jabatan): Walikota, Kepala Dinas, Eselon III, JAFUNG/STAF, written by load $load.
UNWIND $rows AS row
CREATE (p:Position)
SET p = row, p.load = $load
