INSERT INTO tujuan (id, nama) SELECT id, nama FROM lama;
