"""Indonesian planning text: what makes two names the same indicator, and what does not."""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import combinations

import pytest
from rapidfuzz import fuzz

from lineage.audit.indonesian import content_words, exact_key, keys_of
from lineage.audit.similarity import (
    LOWEST_SCORE,
    WORD_MATCH,
    _typo_partners,
    candidate_pairs,
    name_similarity,
    same_thing,
)
from tests.support.synthetic_audit import generate_labelled_cascade


def alike(first: str, second: str) -> float | None:
    return same_thing(content_words(first), content_words(second))


def test_the_issues_pair_is_the_same_indicator():
    assert alike("Presentase Koperasi yang diperiksa dan diawasi", "Koperasi yang diawasi dan diperiksa") == 1.0


@pytest.mark.parametrize(
    "first, second",
    [
        ("Persentase Koperasi Aktif", "PERSENTASE  koperasi aktif."),  # case, spacing, punctuation
        ("Persentase Koperasi Aktif", "Presentase Koperasi Aktif"),  # the seed's misspelling
        (
            "Pemeriksaan Kepatuhan terhadap Peraturan Perundang-Undangan",
            "pemeriksaan kepatuhan terhadap peraturan perundang undangan",
        ),
        ("Jumlah Usaha Mikro yang Memiliki Izin", "Jumlah Usaha Mikro yang Memiliki Ijin"),  # tidak baku spelling
    ],
)
def test_exact_key_ignores_case_punctuation_and_known_misspellings(first, second):
    assert exact_key(first) == exact_key(second)


def test_a_whole_cascade_normalised_at_once_has_the_keys_each_name_has_alone():
    cascade = generate_labelled_cascade(3_000, seed=3, per_rule=2, near_duplicates=60).cascade
    names = [i.name for i in cascade.indicators] + [e.name for e in cascade.elements]
    names += ["Presentase UMKM yang Dibina", "Persentase Usaha Mikro, Kecil, dan Menengah yang dibina", "Jumlah"]
    keys = keys_of(names)
    assert keys == {name: (exact_key(name), content_words(name)) for name in names}


def test_exact_key_keeps_word_order_and_filler():
    assert exact_key("Koperasi yang diperiksa dan diawasi") != exact_key("Koperasi yang diawasi dan diperiksa")
    assert exact_key("Jumlah Wirausaha Baru") != exact_key("Wirausaha Baru")


@pytest.mark.parametrize(
    "first, second",
    [
        ("Jumlah Fasilitasi Pemberdayaan UMKM", "Fasilitasi Pemberdayaan UMKM"),  # measure word
        ("Meningkatnya Wirausaha Baru", "Jumlah Wirausaha Baru"),  # direction word: both measure X
        ("Penurunan Angka Pengangguran", "Tingkat Pengangguran"),
        ("Persentase UMKM yang Naik Kelas", "Persentase Usaha Mikro, Kecil, dan Menengah yang Naik Kelas"),  # acronym
        ("Koperasi Simpan Pinjam yang sehat", "KSP yang Sehat"),
        ("Presentase Koperasi yang meningkat kualitasnya", "Koperasi yang Meningkat Kualitas"),  # -nya
        ("Persentasi Koperasi Aktif", "Koperasi Aktif"),  # a mistyped measure word is still one
        ("Peninkatan Koperasi Aktif", "Koperasi Aktif"),
        ("Pendapatan Perkapita", "Pendapatan per Kapita"),
    ],
)
def test_filler_measure_and_direction_words_acronyms_and_nya_do_not_count(first, second):
    assert alike(first, second) == 1.0


def test_a_mistyped_word_still_matches_with_a_lower_score():
    score = alike(
        "Unit Usaha Mikro yang Telah Terfasilitasi dalam Pemasara", "Unit Usaha Mikro Terfasilitasi dalam Pemasaran"
    )
    assert score is not None and 0.9 < score < 1.0


@pytest.mark.parametrize(
    "first, second",
    [
        ("Persentase Koperasi Aktif", "Persentase Koperasi Sehat"),  # another quality
        ("Persentase Koperasi Aktif", "Persentase Koperasi Efektif"),  # short words are compared exactly
        ("Persentase Koperasi Sehat", "Persentase Koperasi Simpan Pinjam yang sehat"),  # a refinement
        ("Koperasi yang Melaporkan Rapat Anggota Tahunan", "Anggota Koperasi yang Melaporkan Rapat Anggota Tahunan"),
        (
            "Jumlah UMKM Binaan Sektor Kuliner di Kecamatan Mariso",
            "Jumlah UMKM Binaan Sektor Kuliner di Kecamatan Tallo",
        ),
        ("Jumlah", "Persentase"),  # nothing but filler: nothing to compare
    ],
)
def test_names_that_say_something_different_are_not_the_same(first, second):
    assert alike(first, second) is None


def test_candidates_come_from_the_index_and_include_every_same_or_mistyped_pair():
    names = {
        "a": "Presentase Koperasi yang diperiksa dan diawasi",
        "b": "Koperasi yang diawasi dan diperiksa",
        "c": "Jumlah Koperasi yang Diawasi dan Dipreiksa",  # a typo
        "d": "Persentase Koperasi Aktif",
        "e": "Persentase Usaha Mikro Aktif",
    }
    pairs = candidate_pairs({key: content_words(name) for key, name in names.items()})
    assert {("a", "b"), ("a", "c"), ("b", "c")} <= pairs
    assert ("d", "e") not in pairs and ("a", "d") not in pairs


def test_candidates_are_exactly_the_pairs_with_the_same_words_or_one_mistyped_word_apart():
    """Against an index built the plain way (each name's word set with each typo-prone word left
    out, as a frozenset), on a generated cascade with injected near-duplicates and typos."""
    cascade = generate_labelled_cascade(4_000, seed=5, per_rule=2, near_duplicates=200).cascade
    names = {i.id: content_words(i.name) for i in cascade.indicators}
    expected: set[tuple[str, str]] = set()
    by_words: dict[frozenset[str], list[str]] = defaultdict(list)
    one_out: dict[frozenset[str], list[tuple[str, str]]] = defaultdict(list)
    for key, words in names.items():
        if words:
            by_words[words].append(key)
            for word in words:
                if len(word) >= 5 and word.isalpha():
                    one_out[words - {word}].append((key, word))
    for keys in by_words.values():
        expected |= {tuple(sorted(pair)) for pair in combinations(keys, 2)}
    for entries in one_out.values():
        for (a, word_a), (b, word_b) in combinations(entries, 2):
            if word_a != word_b and fuzz.ratio(word_a, word_b) >= WORD_MATCH:
                expected.add((a, b) if a < b else (b, a))
    assert len(expected) > 50  # the generated typos make some
    assert candidate_pairs(names) == expected


def test_the_mistyped_spellings_of_a_vocabulary_are_those_all_pairs_of_words_give():
    """The spellings are compared only with words of a length that can reach the ratio."""
    rng = random.Random(2)
    vocabulary: dict[str, int] = {}
    for _ in range(600):
        word = "".join(rng.choice("aeioubdgklmnprst") for _ in range(rng.randint(5, 16)))
        vocabulary[word] = rng.randint(1, 50)
        for _ in range(2):  # a substitution, a deletion or an insertion
            at, edit = rng.randrange(len(word)), rng.choice("sdi")
            typo = word[:at] + ("" if edit == "d" else rng.choice("abc")) + word[at + (edit != "i") :]
            vocabulary[typo] = rng.randint(1, 50)
    found = _typo_partners(vocabulary)
    pairs = {frozenset((rarer, other)) for rarer, others in found.items() for other in others}
    words = [w for w in vocabulary if len(w) >= 5 and w.isalpha()]
    every = {frozenset((a, b)) for a, b in combinations(words, 2) if fuzz.ratio(a, b) >= WORD_MATCH}
    assert len(every) > 500 and pairs == every
    # each pair once, from the spelling fewer names write
    assert all(vocabulary[rarer] <= vocabulary[other] for rarer, others in found.items() for other in others)


# -- name_similarity: the one "how alike are these two names" of the project (the audit, lineage diff) --


@pytest.mark.parametrize(
    "first, second, score",
    [
        (
            "Presentase Koperasi yang diperiksa dan diawasi",
            "Koperasi yang diawasi dan diperiksa",
            1.0,
        ),  # the issue's pair
        ("Persentase UMKM yang Naik Kelas", "Jumlah Usaha Mikro, Kecil, dan Menengah yang Naik Kelas", 1.0),
        ("Koperasi yang Diawasi", "Anggota Koperasi yang Diawasi", 2 / 3),  # a word only one has always counts
        ("Persentase Koperasi Aktif", "Persentase Koperasi Sehat", 1 / 3),
        ("Persentase Koperasi Aktif", "Jumlah Wirausaha Baru", 0.0),
        ("Jumlah", "jumlah", 1.0),
        ("Jumlah", "Persentase", 0.0),  # only filler: compared on all their words
    ],
)
def test_name_similarity_scores_what_two_names_say_is_measured(first, second, score):
    assert name_similarity(first, second) == name_similarity(second, first) == pytest.approx(score)


def test_name_similarity_counts_a_mistyped_word_by_how_alike_it_is():
    score = name_similarity(
        "Unit Usaha Mikro yang Telah Terfasilitasi dalam Pemasara", "Unit Usaha Mikro Terfasilitasi dalam Pemasaran"
    )
    assert LOWEST_SCORE <= score < 1.0


@pytest.mark.parametrize(
    "first, second",
    [
        ("Unit Usaha Mikro yang Telah Terfasilitasi dalam Pemasara", "Unit Usaha Mikro Terfasilitasi dalam Pemasaran"),
        ("Jumlah Koperasi yang Diawasi dan Dipreiksa", "Koperasi yang diawasi dan diperiksa"),
        ("Koperasi Simpan Pinjam yang sehat", "KSP yang Sehat"),
    ],
)
def test_names_the_audit_calls_near_duplicates_score_the_same_with_name_similarity(first, second):
    assert name_similarity(first, second) == pytest.approx(alike(first, second))
