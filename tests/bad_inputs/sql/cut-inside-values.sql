INSERT INTO tujuan (id, nama) VALUES (1, 'Meningkatnya Daya Beli'), (2,
