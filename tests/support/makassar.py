"""Facts read off the Makassar cascade file by hand, to check answers against."""

from __future__ import annotations

from tests.support.paths import MAKASSAR

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


#: The audit of the seed as transcribed, judged in docs/audit.md: all four are true problems.
MAKASSAR_FINDINGS = {
    ("copy-down", ("ik-kegiatan-1.1", "ik-program-1")),
    ("copy-down", ("ik-kegiatan-5.1", "ik-program-5a")),
    ("copy-down", ("ik-program-6", "ik-sasaran-3b")),
    ("indicator-restates-element", ("ik-subkegiatan-5.1.5", "subkegiatan-5.1.5")),
}


def changed(*replacements: tuple[str, str]) -> str:
    """The Makassar file's text with exact replacements made (each `old` must occur once)."""
    text = MAKASSAR.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def appended(section_end: str, lines: str) -> tuple[str, str]:
    """Add `lines` after the line `section_end` (which must occur once)."""
    return section_end, section_end + lines


LAST_ELEMENT = '    name: "Fasilitasi Usaha Mikro Menjadi Usaha Kecil dalam Pengembangan Produksi dan Pengolahan, Pemasaran, SDM, serta Desain dan Teknologi"\n'
LAST_INDICATOR = '    name: "Unit Usaha Mikro yang Telah Terfasilitasi dalam Pengembangan Produksi dan Pengolahan, Pemasara, SDM, serta Desain dan Teknologi"\n'
