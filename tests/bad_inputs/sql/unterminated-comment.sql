/* export of e-Renstra
INSERT INTO tujuan (id, nama) VALUES (1, 'a');
