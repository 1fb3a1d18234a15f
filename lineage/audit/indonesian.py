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
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import fuzz, process

from lineage.text import fold

#: Misspellings and non-standard (tidak baku) forms common in planning documents -> the KBBI form.
SPELLING = {
    "presentase": "persentase",
    "prosentase": "persentase",
    "prosen": "persen",
    "standarisasi": "standardisasi",
    "ijin": "izin",
    "perijinan": "perizinan",
    "praktek": "praktik",
    "analisa": "analisis",
    "sistim": "sistem",
    "kwalitas": "kualitas",
    "resiko": "risiko",
    "aktifitas": "aktivitas",
    "efektifitas": "efektivitas",
    "produktifitas": "produktivitas",
    "kreatifitas": "kreativitas",
    "obyek": "objek",
    "subyek": "subjek",
    "propinsi": "provinsi",
    "perkapita": "kapita",
    "omzet": "omset",
}

#: Words that do not say what is measured.
FILLER = frozenset(
    {
        # function words
        "yang",
        "dan",
        "atau",
        "serta",
        "di",
        "ke",
        "dari",
        "dalam",
        "pada",
        "untuk",
        "bagi",
        "oleh",
        "dengan",
        "terhadap",
        "melalui",
        "tentang",
        "sebagai",
        "antara",
        "per",
        "para",
        "se",
        "the",
        # measure words: how X is counted is the target's business, not the indicator's subject
        "jumlah",
        "persentase",
        "persen",
        "proporsi",
        "rasio",
        "tingkat",
        "indeks",
        "angka",
        "nilai",
        "banyaknya",
        "banyak",
        "capaian",
        "cakupan",
        "besaran",
        "total",
        # direction words: "Meningkatnya X" and "Penurunan X" measure X
        "meningkat",
        "peningkatan",
        "menurun",
        "penurunan",
        "naik",
        "turun",
        "bertambah",
        "berkurang",
        "pertambahan",
        "pengurangan",
        # tense and aspect
        "telah",
        "sudah",
        "akan",
        "sedang",
    }
)

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
_LONGEST_FIRST = sorted(ACRONYMS.items(), key=lambda item: -len(item[0]))
#: rapidfuzz ratio from which a word of 5 letters or more is taken for another one mistyped
#: ("Persentasi", "Koperrasi"); shorter words must be written exactly.
_MISTYPED = 85

#: The phrases that may start at a word, with their acronym (`_phrases_from`).
Phrases = tuple[tuple[tuple[str, ...], str], ...]

# Every mark separates words, the hyphen too: "Perundang-Undangan" is also written with a space
# (a line break in the source often puts one there).
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=262_144)
def words(text: str) -> tuple[str, ...]:
    """The words of `text`: folded (case, accents), split at punctuation, misspellings corrected."""
    folded = text.casefold() if text.isascii() else fold(text)  # ASCII has no accents to strip: much faster
    return tuple(SPELLING.get(word, word) for word in _NOT_WORD.sub(" ", folded).split())


def exact_key(text: str) -> str:
    """Equal for names that differ only in case, accents, punctuation, spacing or misspelling."""
    return " ".join(words(text))


def content_words(text: str) -> frozenset[str]:
    """What the name says is measured, as a set of words (see the module docstring)."""
    return _content_of(words(text), _content_word, _phrases_from)


#: A name's `exact_key` and `content_words`.
Keys = tuple[str, frozenset[str]]


def keys_of(texts: Iterable[str]) -> dict[str, Keys]:
    """Each distinct text's `exact_key` and `content_words`: those of a whole cascade at once.

    Why not the cached functions one name at a time: their caches are bounded (a long-running
    process normalises many cascades), and a cascade of 100,000 indicators has more distinct
    names and words than they hold, so each name cost more the larger the cascade. Here each
    distinct text is split once and each distinct word normalised once, in memos that live as
    long as this call."""
    content_word = _Memo(_content_word.__wrapped__)
    phrases_from = _Memo(_phrases_from.__wrapped__)
    split = words.__wrapped__
    keys: dict[str, Keys] = {}
    for text in texts:
        if text not in keys:
            written = split(text)
            keys[text] = (" ".join(written), _content_of(written, content_word.__getitem__, phrases_from.__getitem__))
    return keys


T = TypeVar("T")


class _Memo(dict[str, T]):
    """A function's results by argument, for as long as the memo lives; not those of numbers.

    Why not numbers: names carry numbers ("Kegiatan 26743") that are nearly all different, so a
    memo of them grows with the cascade (60,000 of the 68,000 distinct words at 100,000
    indicators) and is read mostly once, and past the processor's cache a large memo makes every
    word cost more. Without them it holds the vocabulary, which grows far slower."""

    def __init__(self, function: Callable[[str], T]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key: str) -> T:
        value = self.function(key)
        if not key.isdigit():
            self[key] = value
        return value


def _content_of(
    written: tuple[str, ...], content_word: Callable[[str], str], phrases_from: Callable[[str], Phrases]
) -> frozenset[str]:
    kept = [word for word in map(content_word, written) if word]
    seen: dict[str, int] = {}
    out = []
    for word in _abbreviate(kept, phrases_from):  # a word written twice counts twice: "anggota#2"
        seen[word] = seen.get(word, 0) + 1
        out.append(word if seen[word] == 1 else f"{word}#{seen[word]}")
    return frozenset(out)


#: Long filler words recognised even mistyped ("Persentasi", "Proposi", "Peninkatan"). Only these:
#: another word may be one letter from a content word ("pertambahan" from "pertambangan", mining).
_MISTYPABLE_FILLER = ("persentase", "proporsi", "peningkatan", "penurunan")


@lru_cache(maxsize=65_536)
def _content_word(word: str) -> str:
    """The word without "-nya", or "" when it is filler (a mistyped long filler word included)."""
    if len(word) > 6 and word.endswith("nya"):  # "kualitasnya"; not "hanya"
        word = word[:-3]
    if len(word) >= 7 and word not in FILLER:
        match = process.extractOne(word, _MISTYPABLE_FILLER, scorer=fuzz.ratio, score_cutoff=_MISTYPED)
        word = match[0] if match else word
    return "" if word in FILLER else word


@lru_cache(maxsize=65_536)
def _like(word: str, target: str) -> bool:
    return word == target or (
        len(word) >= 5 and len(target) >= 5 and fuzz.ratio(word, target, score_cutoff=_MISTYPED) > 0
    )


@lru_cache(maxsize=65_536)
def _phrases_from(word: str) -> Phrases:
    """The phrases (longest first) that may start at `word`, mistyped or not."""
    if not word.isalpha():  # numbers and codes start no phrase
        return ()
    return tuple((phrase, acronym) for phrase, acronym in _LONGEST_FIRST if _like(word, phrase[0]))


def _abbreviate(kept: list[str], phrases_from: Callable[[str], Phrases]) -> list[str]:
    """Known phrases (a word of them perhaps mistyped) replaced by their acronym."""
    out: list[str] = []
    i = 0
    while i < len(kept):
        for phrase, acronym in phrases_from(kept[i]):
            window = kept[i : i + len(phrase)]
            if len(window) == len(phrase) and all(_like(w, p) for w, p in zip(window[1:], phrase[1:], strict=True)):
                out.append(acronym)
                i += len(phrase)
                break
        else:
            out.append(kept[i])
            i += 1
    return out
