"""Facts read off the Makassar cascade file by hand, to check answers against."""

from __future__ import annotations

CASCADE = "makassar-diskopukm"
KOPERASI_SEHAT = f"{CASCADE}:ik-sasaran-2"

#: Read off the data file by hand: the JAFUNG/STAF indicators under Sasaran Program 3 (Penilaian
#: Kesehatan KSP/USP) and 4 (Pendidikan dan Latihan), the two programs serving Koperasi Sehat.
KOPERASI_SEHAT_STAFF = {
    "ik-kegiatan-3.1": "Penilaian Kesehatan KSP/USP",
    "ik-subkegiatan-3.1.1": "Unit Usaha Koperasi yang Telah Dilakukan Penilaian Kesehatan",
    "ik-subkegiatan-3.1.2": "Koperasi yang Mendapatkan Penghargaan Kesehatan",
    "ik-kegiatan-4.1": "Jumlah Pengurus dan Pengelola yang Terfasilitasi Pendidikan dan Pelatihan Perkoperasian",
    "ik-subkegiatan-4.1.1": "Jumlah SDM yang Memahami Pengetahuan Perkoperasian",
}
