INSERT INTO tujuan (id, nama) VALUES (1, 'Meningkatnya Daya Beli);
INSERT INTO tujuan (id, nama) VALUES (2, x);
