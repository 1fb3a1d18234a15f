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
(1,1,'Pendapatan