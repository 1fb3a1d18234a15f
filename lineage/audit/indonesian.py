"""Normalising Indonesian planning text, so that two ways of writing one indicator compare equal.

Why a module of its own: the SAKIP documents of one agency write the same indicator in many
ways. "Presentase Koperasi yang diperiksa dan diawasi" on one page is "Koperasi yang diawasi dan
diperiksa" on the next; "UMKM" is "Usaha Mikro, Kecil, dan Menengah"; "Jumlah X", "Persentase X"
and "Meningkatnya X" all measure X (the measure word and the wanted direction belong to the
target, not to what is measured). Two keys come out of a name:

- `exact_key`: the name as written, with only case, accents, punctuation and known misspellings
  ("Presentase") taken out. Equal keys mean the same words in the same order: an exact duplicate.
- `content_words`: the words that say *what* is measured: the exact key's words without filler
  (function words, measure words, direction words, "-nya"), with known phrases shortened to their
  acronym, as a set (so word order does not matter; a word written twice is kept twice, as
  "anggota" and "anggota#2"). Near-duplicates are compared on these.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from lineage.text import fold

#: Misspellings and non-standard (tidak baku) forms common in planning documents -> the KBBI form.
SPELLING = {
    "presentase": "persentase", "prosentase": "persentase", "prosen": "persen",
    "standarisasi": "standardisasi", "ijin": "izin", "perijinan": "perizinan", "praktek": "praktik",
    "analisa": "analisis", "sistim": "sistem", "kwalitas": "kualitas", "resiko": "risiko",
    "aktifitas": "aktivitas", "efektifitas": "efektivitas", "produktifitas": "produktivitas",
    "kreatifitas": "kreativitas", "obyek": "objek", "subyek": "subjek", "propinsi": "provinsi",
    "perkapita": "kapita", "omzet": "omset",
}

#: Words that do not say what is measured.
FILLER = frozenset({
    # function words
    "yang", "dan", "atau", "serta", "di", "ke", "dari", "dalam", "pada", "untuk", "bagi", "oleh",
    "dengan", "terhadap", "melalui", "tentang", "sebagai", "antara", "per", "para", "se", "the",
    # measure words: how X is counted is the target's business, not the indicator's subject
    "jumlah", "persentase", "persen", "proporsi", "rasio", "tingkat", "indeks", "angka", "nilai",
    "banyaknya", "banyak", "capaian", "cakupan", "besaran", "total",
    # direction words: "Meningkatnya X" and "Penurunan X" measure X
    "meningkat", "peningkatan", "menurun", "penurunan", "naik", "turun", "bertambah",
    "berkurang", "pertambahan", "pengurangan",
    # tense and aspect
    "telah", "sudah", "akan", "sedang",
})

#: Phrases written out or as their acronym; both become the acronym (after filler is removed,
#: so "Usaha Mikro, Kecil, dan Menengah" matches too).
ACRONYMS = {
    ("usaha", "mikro", "kecil", "menengah"): "umkm",
    ("usaha", "kecil", "menengah"): "ukm",
    ("industri", "kecil", "menengah"): "ikm",
    ("koperasi", "simpan", "pinjam"): "ksp",
    ("unit", "simpan", "pinjam"): "usp",
    ("sumber", "daya", "manusia"): "sdm",
    ("kredit", "usaha", "rakyat"): "kur",
    ("organisasi", "perangkat", "daerah"): "opd",
    ("aparatur", "sipil", "negara"): "asn",
}
_LONGEST_PHRASE = max(len(phrase) for phrase in ACRONYMS)
_PHRASE_STARTS = frozenset(phrase[0] for phrase in ACRONYMS)

# Hyphens join (reduplication: "perundang-undangan" is one word); every other mark separates.
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=262_144)
def words(text: str) -> tuple[str, ...]:
    """The words of `text`: folded (case, accents), split at punctuation, misspellings corrected."""
    joined = _HYPHEN.sub("", fold(text))
    return tuple(SPELLING.get(word, word) for word in _NOT_WORD.sub(" ", joined).split())


def exact_key(text: str) -> str:
    """Equal for names that differ only in case, accents, punctuation, spacing or misspelling."""
    return " ".join(words(text))


def content_words(text: str) -> frozenset[str]:
    """What the name says is measured, as a set of words (see the module docstring)."""
    kept = [word for word in (_as_measure_word(_without_nya(w)) for w in words(text)) if word not in FILLER]
    seen: dict[str, int] = {}
    out = []
    for word in _abbreviate(kept):  # a word written twice counts twice: "anggota#2"
        seen[word] = seen.get(word, 0) + 1
        out.append(word if seen[word] == 1 else f"{word}#{seen[word]}")
    return frozenset(out)


#: Long measure words, and how alike (rapidfuzz ratio) a word must be to be taken for one mistyped
#: ("Persentasi", "Prosentasi"). Only measure words: a content word may be one letter from a
#: direction word ("pertambangan", mining, is not "pertambahan").
_LONG_MEASURE_WORDS = ("persentase", "proporsi")
_MISTYPED_MEASURE_WORD = 90


@lru_cache(maxsize=65_536)
def _as_measure_word(word: str) -> str:
    if len(word) < 8 or word in FILLER:
        return word
    match = process.extractOne(word, _LONG_MEASURE_WORDS, scorer=fuzz.ratio, score_cutoff=_MISTYPED_MEASURE_WORD)
    return match[0] if match else word


def _without_nya(word: str) -> str:
    """"kualitasnya" -> "kualitas"; short words ending in -nya ("hanya") are left alone."""
    return word[:-3] if len(word) > 6 and word.endswith("nya") else word


def _abbreviate(kept: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(kept):
        if kept[i] not in _PHRASE_STARTS:
            out.append(kept[i])
            i += 1
            continue
        for size in range(_LONGEST_PHRASE, 1, -1):
            acronym = ACRONYMS.get(tuple(kept[i : i + size]))
            if acronym:
                out.append(acronym)
                i += size
                break
        else:
            out.append(kept[i])
            i += 1
    return out
