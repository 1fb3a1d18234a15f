INSERT INTO tujuan VALUES (1, 'Meningkatnya Daya Beli');
