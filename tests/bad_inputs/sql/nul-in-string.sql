-- MySQL dump of a planning database (e-Renstra), Kota Makassar 2025-2029
SET NAMES utf8mb4;
SET FOREIGN_KEY_CHECKS=0;

DROP TABLE IF EXISTS `opd`;
CREATE TABLE `opd` (
  `id` int,
  `nama` varchar(500),
  `daerah` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `opd` WRITE;
INSERT INTO `opd` VALUES
(1,'Dinas Koperasi dan UKM','Kota Makassar'),
(2,'Dinas Perdagangan','Kota Makassar');
UNLOCK TABLES;

DROP TABLE IF EXISTS `tujuan`;
CREATE TABLE `tujuan` (
  `id` int,
  `nama` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `tujuan` WRITE;
INSERT INTO `tujuan` VALUES
(1,'Meningkatnya Daya Beli Masyarakat'),
(2,'Tersedianya Kemudahan Akses Peluang Kerja dan Peluang Bisnis Baru');
UNLOCK TABLES;

DROP TABLE IF EXISTS `indikator_tujuan`;
CREATE TABLE `indikator_tujuan` (
  `id` int,
  `tujuan_id` int,
  `nama` varchar(500),
  `satuan` varchar(500),
  `kondisi_awal` varchar(500),
  `target_2025` varchar(500),
  `target_2026` varchar(500),
  `target_2027` varchar(500),
  `target_2028` varchar(500),
  `target_2029` varchar(500),
  `polaritas` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `indikator_tujuan` WRITE;
INSERT INTO `indikator_tujuan` VALUES
(1,1,'Pendapatan\0Perkapita','Juta Rupiah',98.2,101.5,105.0,108.7,112.5,116.4,'positif'),
(2,2,'Tingkat Pengangguran Terbuka','%',11.9,11.2,10.6,10.0,9.5,9.0,'negatif');
UNLOCK TABLES;

DROP TABLE IF EXISTS `sasaran`;
CREATE TABLE `sasaran` (
  `id` int,
  `tujuan_id` int,
  `opd_id` int,
  `nama` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `sasaran` WRITE;
INSERT INTO `sasaran` VALUES
(1,1,1,'Meningkatnya Lembaga Koperasi yang Sehat'),
(2,2,1,'Meningkatnya Usaha Mikro yang Berkualitas'),
(3,1,2,'Terjaganya Stabilitas Harga Barang Kebutuhan Pokok'),
(4,2,2,'Meningkatnya Kualitas Sarana Distribusi Perdagangan');
UNLOCK TABLES;

DROP TABLE IF EXISTS `indikator_sasaran`;
CREATE TABLE `indikator_sasaran` (
  `id` int,
  `sasaran_id` int,
  `nama` varchar(500),
  `satuan` varchar(500),
  `kondisi_awal` varchar(500),
  `target_2025` varchar(500),
  `target_2026` varchar(500),
  `target_2027` varchar(500),
  `target_2028` varchar(500),
  `target_2029` varchar(500),
  `polaritas` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `indikator_sasaran` WRITE;
INSERT INTO `indikator_sasaran` VALUES
(1,1,'Persentase Koperasi Sehat','%',41.0,44.0,47.0,50.0,53.0,56.0,'positif'),
(2,2,'Persentase Usaha Mikro yang Naik Kelas','%',2.0,2.5,3.0,3.5,4.0,4.5,'positif'),
(3,2,'Jumlah Wirausaha Baru','Orang',500,600,700,800,900,1000,'positif'),
(4,3,'Koefisien Variasi Harga Barang Kebutuhan Pokok','%',9.0,8.5,8.0,7.5,7.0,6.5,'negatif'),
(5,4,'Persentase Pasar Rakyat dalam Kondisi Baik','%',55.0,60.0,65.0,70.0,75.0,80.0,'positif');
UNLOCK TABLES;

DROP TABLE IF EXISTS `program`;
CREATE TABLE `program` (
  `id` int,
  `sasaran_id` int,
  `kode` varchar(500),
  `nama` varchar(500),
  `pagu_2025` varchar(500),
  `pagu_2026` varchar(500),
  `pagu_2027` varchar(500),
  `pagu_2028` varchar(500),
  `pagu_2029` varchar(500),
  `penanggung_jawab` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `program` WRITE;
INSERT INTO `program` VALUES
(1,1,'2.17.03','Program Pengawasan dan Pemeriksaan Koperasi',650000000,695000000,740000000,785000000,830000000,'Bidang Pengawasan Koperasi'),
(2,1,'2.17.04','Program Penilaian Kesehatan KSP/USP Koperasi',325000000,340000000,355000000,370000000,385000000,'Bidang Kelembagaan Koperasi'),
(3,1,'2.17.05','Program Pendidikan dan Latihan Perkoperasian',420000000,440000000,460000000,480000000,500000000,'Bidang Kelembagaan Koperasi'),
(4,2,'2.17.07','Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)',530000000,550000000,580000000,600000000,630000000,'Bidang Usaha Mikro'),
(5,2,'2.17.08','Program Pengembangan UMKM',500000000,525000000,550000000,575000000,600000000,'Bidang Usaha Kecil'),
(6,3,'3.30.04','Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting',520000000,545000000,570000000,595000000,620000000,'Bidang Stabilisasi Harga'),
(7,3,'3.30.06','Program Standardisasi dan Perlindungan Konsumen',400000000,415000000,430000000,445000000,460000000,'UPT Metrologi Legal'),
(8,4,'3.30.03','Program Peningkatan Sarana Distribusi Perdagangan',4000000000,4200000000,4400000000,4600000000,4800000000,'Bidang Sarana Perdagangan');
UNLOCK TABLES;

DROP TABLE IF EXISTS `indikator_program`;
CREATE TABLE `indikator_program` (
  `id` int,
  `program_id` int,
  `nama` varchar(500),
  `satuan` varchar(500),
  `kondisi_awal` varchar(500),
  `target_2025` varchar(500),
  `target_2026` varchar(500),
  `target_2027` varchar(500),
  `target_2028` varchar(500),
  `target_2029` varchar(500),
  `polaritas` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `indikator_program` WRITE;
INSERT INTO `indikator_program` VALUES
(1,1,'Persentase Koperasi yang Diperiksa dan Diawasi','%',20.0,25.0,30.0,35.0,40.0,45.0,'positif'),
(2,2,'Persentase Koperasi Simpan Pinjam yang Sehat','%',35.0,38.0,41.0,44.0,47.0,50.0,'positif'),
(3,3,'Persentase SDM Koperasi yang Mendapat Pendidikan dan Pelatihan','%',10.0,12.0,14.0,16.0,18.0,20.0,'positif'),
(4,4,'Persentase UMKM Binaan yang Meningkat Omsetnya','%',15.0,18.0,21.0,24.0,27.0,30.0,'positif'),
(5,5,'Jumlah Usaha Mikro yang Berkembang Menjadi Usaha Kecil','Unit Usaha',20,25,30,35,40,45,'positif'),
(6,6,'Persentase Komoditas Pokok dengan Harga Stabil','%',70.0,72.0,74.0,76.0,78.0,80.0,'positif'),
(7,7,'Persentase Alat Ukur yang Ditera Ulang','%',60.0,65.0,70.0,75.0,80.0,85.0,'positif'),
(8,8,'Jumlah Pasar Rakyat yang Direvitalisasi','Pasar',2,3,3,4,4,5,'positif');
UNLOCK TABLES;

DROP TABLE IF EXISTS `kegiatan`;
CREATE TABLE `kegiatan` (
  `id` int,
  `program_id` int,
  `kode` varchar(500),
  `nama` varchar(500),
  `pagu_2025` varchar(500),
  `pagu_2026` varchar(500),
  `pagu_2027` varchar(500),
  `pagu_2028` varchar(500),
  `pagu_2029` varchar(500),
  `penanggung_jawab` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `kegiatan` WRITE;
INSERT INTO `kegiatan` VALUES
(1,1,'2.17.03.2.01','Pemeriksaan dan Pengawasan Koperasi, Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi yang Wilayah Keanggotaannya dalam Daerah Kabupaten/Kota',650000000,695000000,740000000,785000000,830000000,'Bidang Pengawasan Koperasi'),
(2,2,'2.17.04.2.01','Penilaian Kesehatan Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi yang Wilayah Keanggotaannya dalam 1 (satu) Daerah Kabupaten/Kota',325000000,340000000,355000000,370000000,385000000,'Bidang Kelembagaan Koperasi'),
(3,3,'2.17.05.2.01','Pendidikan dan Latihan Perkoperasian Bagi Koperasi yang Wilayah Keanggotaan dalam Daerah Kabupaten/Kota',420000000,440000000,460000000,480000000,500000000,'Bidang Kelembagaan Koperasi'),
(4,4,'2.17.07.2.01','Pemberdayaan Usaha Mikro yang Dilakukan melalui Pendataan, Kemitraan, Kemudahan Perizinan, Penguatan Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan',530000000,550000000,580000000,600000000,630000000,'Bidang Usaha Mikro'),
(5,5,'2.17.08.2.01','Pengembangan Usaha Mikro dengan Orientasi Peningkatan Skala Usaha Menjadi Usaha Kecil',500000000,525000000,550000000,575000000,600000000,'Bidang Usaha Kecil'),
(6,6,'3.30.04.2.01','Menjamin Ketersediaan, Keterjangkauan, dan Kestabilan Harga Barang Kebutuhan Pokok dan Barang Penting di Tingkat Daerah Kabupaten/Kota',520000000,545000000,570000000,595000000,620000000,'Bidang Stabilisasi Harga'),
(7,7,'3.30.06.2.01','Pelaksanaan Metrologi Legal, berupa Tera, Tera Ulang dan Pengawasan',400000000,415000000,430000000,445000000,460000000,'UPT Metrologi Legal'),
(8,8,'3.30.03.2.01','Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan',4000000000,4200000000,4400000000,4600000000,4800000000,'Bidang Sarana Perdagangan');
UNLOCK TABLES;

DROP TABLE IF EXISTS `indikator_kegiatan`;
CREATE TABLE `indikator_kegiatan` (
  `id` int,
  `kegiatan_id` int,
  `nama` varchar(500),
  `satuan` varchar(500),
  `kondisi_awal` varchar(500),
  `target_2025` varchar(500),
  `target_2026` varchar(500),
  `target_2027` varchar(500),
  `target_2028` varchar(500),
  `target_2029` varchar(500),
  `polaritas` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `indikator_kegiatan` WRITE;
INSERT INTO `indikator_kegiatan` VALUES
(1,1,'Jumlah Koperasi yang Diawasi dan Diperiksa','Koperasi',80,100,120,140,160,180,'positif'),
(2,2,'Jumlah KSP/USP yang Dinilai Kesehatannya','Unit Usaha',60,70,80,90,100,110,'positif'),
(3,3,'Jumlah Pengurus dan Pengelola yang Terfasilitasi Pendidikan dan Pelatihan','Orang',150,200,250,300,350,400,'positif'),
(4,4,'Jumlah Usaha Mikro yang Diberdayakan','Unit Usaha',400,500,600,700,800,900,'positif'),
(5,5,'Jumlah Usaha Mikro yang Difasilitasi Naik Skala','Unit Usaha',50,60,70,80,90,100,'positif'),
(6,6,'Jumlah Pasar yang Dipantau Harganya','Pasar',18,18,18,18,18,18,'positif'),
(7,7,'Jumlah Alat Ukur yang Ditera dan Ditera Ulang','Unit',8000,8500,9000,9500,10000,10500,'positif'),
(8,8,'Jumlah Sarana Distribusi Perdagangan yang Dikelola','Unit',18,18,19,20,21,22,'positif');
UNLOCK TABLES;

DROP TABLE IF EXISTS `sub_kegiatan`;
CREATE TABLE `sub_kegiatan` (
  `id` int,
  `kegiatan_id` int,
  `kode` varchar(500),
  `nama` varchar(500),
  `pagu_2025` varchar(500),
  `pagu_2026` varchar(500),
  `pagu_2027` varchar(500),
  `pagu_2028` varchar(500),
  `pagu_2029` varchar(500),
  `penanggung_jawab` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `sub_kegiatan` WRITE;
INSERT INTO `sub_kegiatan` VALUES
(1,1,'2.17.03.2.01.0001','Pemeriksaan Kepatuhan Koperasi terhadap Peraturan Perundang-Undangan',350000000,375000000,400000000,425000000,450000000,'Bidang Pengawasan Koperasi'),
(2,1,'2.17.03.2.01.0002','Pengawasan Kekuatan, Kesehatan, Kemandirian, Ketangguhan, serta Akuntabilitas Koperasi',300000000,320000000,340000000,360000000,380000000,'Bidang Pengawasan Koperasi'),
(3,2,'2.17.04.2.01.0001','Pelaksanaan Penilaian Kesehatan KSP/USP Koperasi',250000000,260000000,270000000,280000000,290000000,'Bidang Kelembagaan Koperasi'),
(4,2,'2.17.04.2.01.0002','Penghargaan Kesehatan KSP/USP Koperasi',75000000,80000000,85000000,90000000,95000000,'Bidang Kelembagaan Koperasi'),
(5,3,'2.17.05.2.01.0001','Peningkatan Pemahaman dan Pengetahuan Perkoperasian serta Kapasitas dan Kompetensi SDM Koperasi',420000000,440000000,460000000,480000000,500000000,'Bidang Kelembagaan Koperasi'),
(6,4,'2.17.07.2.01.0001','Pendataan Potensi dan Pengembangan Usaha Mikro',150000000,150000000,160000000,160000000,170000000,'Bidang Usaha Mikro'),
(7,4,'2.17.07.2.01.0002','Pemberdayaan melalui Kemitraan Usaha Mikro',200000000,210000000,220000000,230000000,240000000,'Bidang Usaha Mikro'),
(8,4,'2.17.07.2.01.0003','Fasilitasi Kemudahan Perizinan Usaha Mikro',180000000,190000000,200000000,210000000,220000000,'Bidang Usaha Mikro'),
(9,5,'2.17.08.2.01.0001','Fasilitasi Usaha Mikro Menjadi Usaha Kecil dalam Pengembangan Produksi dan Pengolahan, Pemasaran, SDM, serta Desain dan Teknologi',500000000,525000000,550000000,575000000,600000000,'Bidang Usaha Kecil'),
(10,6,'3.30.04.2.01.0001','Koordinasi dan Sinkronisasi Pemantauan Harga dan Stok Barang Kebutuhan Pokok dan Barang Penting',120000000,125000000,130000000,135000000,140000000,'Bidang Stabilisasi Harga'),
(11,6,'3.30.04.2.01.0002','Pelaksanaan Operasi Pasar dan Pasar Murah',400000000,420000000,440000000,460000000,480000000,'Bidang Stabilisasi Harga'),
(12,7,'3.30.06.2.01.0001','Pelaksanaan Tera/Tera Ulang Alat Ukur, Takar, Timbang dan Perlengkapannya (UTTP)',310000000,320000000,330000000,340000000,350000000,'UPT Metrologi Legal'),
(13,7,'3.30.06.2.01.0002','Pengawasan Kemetrologian',90000000,95000000,100000000,105000000,110000000,'UPT Metrologi Legal'),
(14,8,'3.30.03.2.01.0001','Pembangunan Pasar Rakyat yang Pengelolaannya dalam Jaringan',2500000000,2600000000,2700000000,2800000000,2900000000,'Bidang Sarana Perdagangan'),
(15,8,'3.30.03.2.01.0002','Revitalisasi Pasar Rakyat',1500000000,1600000000,1700000000,1800000000,1900000000,'Bidang Sarana Perdagangan');
UNLOCK TABLES;

DROP TABLE IF EXISTS `indikator_sub_kegiatan`;
CREATE TABLE `indikator_sub_kegiatan` (
  `id` int,
  `sub_kegiatan_id` int,
  `nama` varchar(500),
  `satuan` varchar(500),
  `kondisi_awal` varchar(500),
  `target_2025` varchar(500),
  `target_2026` varchar(500),
  `target_2027` varchar(500),
  `target_2028` varchar(500),
  `target_2029` varchar(500),
  `polaritas` varchar(500),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `indikator_sub_kegiatan` WRITE;
INSERT INTO `indikator_sub_kegiatan` VALUES
(1,1,'Jumlah Koperasi yang Memenuhi Peraturan Perundang-Undangan','Koperasi',40,50,60,70,80,90,'positif'),
(2,2,'Jumlah Koperasi yang Telah Dilakukan Pengawasan','Koperasi',40,50,60,70,80,90,'positif'),
(3,3,'Unit Usaha Koperasi yang Telah Dilakukan Penilaian Kesehatan','Unit Usaha',60,70,80,90,100,110,'positif'),
(4,4,'Koperasi yang Mendapatkan Penghargaan Kesehatan','Koperasi',5,6,7,8,9,10,'positif'),
(5,5,'Jumlah SDM yang Memahami Pengetahuan Perkoperasian','Orang',150,200,250,300,350,400,'positif'),
(6,6,'Jumlah Dokumen Data Potensi Usaha Mikro','Dokumen',1,1,1,1,1,1,'positif'),
(7,7,'Unit Usaha yang Telah Melaksanakan Kemitraan Usaha Mikro','Unit Usaha',100,120,140,160,180,200,'positif'),
(8,8,'Jumlah Usaha Mikro yang Mendapatkan Fasilitasi Kemudahan Perizinan','Unit Usaha',300,380,460,540,620,700,'positif'),
(9,9,'Unit Usaha Mikro yang Telah Terfasilitasi','Unit Usaha',50,60,70,80,90,100,'positif'),
(10,10,'Jumlah Laporan Pemantauan Harga dan Stok','Laporan',12,12,12,12,12,12,'positif'),
(11,11,'Jumlah Operasi Pasar yang Dilaksanakan','Kali',10,12,12,14,14,16,'positif'),
(12,12,'Jumlah UTTP yang Ditera Ulang','Unit',8000,8500,9000,9500,10000,10500,'positif'),
(13,13,'Jumlah Pengawasan UTTP dan Barang Dalam Keadaan Terbungkus','Kali',24,24,24,24,24,24,'positif'),
(14,14,'Jumlah Pasar Rakyat yang Dibangun','Unit',0,1,1,1,1,1,'positif'),
(15,15,'Jumlah Pasar Rakyat yang Direvitalisasi','Unit',2,2,2,3,3,4,'positif');
UNLOCK TABLES;
