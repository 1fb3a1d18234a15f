"""How alike two indicator names are, and which pairs of a large cascade are worth comparing.

Two names are compared on what they say is measured (`indonesian.content_words`): a word both
write counts 1; a word mistyped on one side ("Pemasara" / "Pemasaran", rapidfuzz ratio >= 85)
counts its similarity; the score is that total over the number of words, counting a matched pair
once (a soft Jaccard index). `name_similarity` is that score for any two names. `lineage diff`
does not use it yet: it pairs renamed indicators on rapidfuzz's ratio of the folded names
(`diff.RENAME_SIMILARITY`), characters rather than words.

Two names say the same thing (`same_thing`) when every word of each is matched in the other (the
score is then at least 0.85, `LOWEST_SCORE`). A word that only one name has is never ignored:
"Koperasi yang ..." and "Anggota Koperasi yang ..." are two indicators (cooperatives, and their
members), and a name with one more word refines the other rather than repeating it.

Candidates never come from all pairs: names are indexed by their word set, and a name is looked
up again with one of its words swapped for another spelling of it that the cascade holds (the
spellings found by comparing its distinct words once, with rapidfuzz), so two names meet when they
have the same words or differ in one word that may be mistyped. Names that differ in two mistyped
words are not found (see docs/audit.md).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from itertools import combinations
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from lineage.audit.indonesian import content_words, words

#: rapidfuzz ratio (0-100) from which two words are taken for one word mistyped.
WORD_MATCH = 85
#: Shorter words are compared exactly: one letter changes a short word ("aktif" / "efektif").
MIN_TYPO_LENGTH = 5
#: The lowest score of two names that say the same thing: every word matched, each at least this alike.
LOWEST_SCORE = WORD_MATCH / 100

Words = frozenset[str]
T = TypeVar("T")
_MASK = (1 << 64) - 1


def name_similarity(first: str, second: str) -> float:
    """How alike two indicator names are, from 0 (no word in common) to 1 (the same words),
    symmetric: the audit's notion of a similar indicator name (`lineage diff` has its own, see
    the module's note).

    The names are normalised for Indonesian planning text first (`indonesian.content_words`):
    case, accents, punctuation, word order, known misspellings ("Presentase"), function, measure
    and direction words ("yang", "Jumlah", "Persentase", "Meningkatnya") and "-nya" do not count,
    and written-out phrases equal their acronym ("Usaha Mikro, Kecil, dan Menengah" = "UMKM").
    When either name is made only of such words ("Jumlah"), both are compared on all their words.

    The score is a soft Jaccard index of the two word sets: (words in both + the rapidfuzz ratio
    of each mistyped pair, words of 5 letters or more at ratio >= 85) / (words of either, a
    matched pair counted once). So 1.0 means the same thing measured, not the same text (compare
    `indonesian.exact_key` for that); "Koperasi Aktif" / "Anggota Koperasi Aktif" is 2/3;
    "Koperasi Aktif" / "Koperasi Sehat" is 1/3. When every word of each name is matched the
    score is at least `LOWEST_SCORE` and equals `same_thing`, the audit's near-duplicate test;
    a pair with a word one name lacks scores below 1 however long the names are, but may pass
    `LOWEST_SCORE` without being a near-duplicate (10 shared words and one more: 10/11).

    Pure and thread-safe; normalised names are cached, so comparing every old name with every new
    one reads each name once.
    """
    first_words, second_words = _compared_words(first), _compared_words(second)
    if not (first_words and second_words):
        first_words, second_words = frozenset(words(first)), frozenset(words(second))
    if not (first_words or second_words):
        return 1.0
    matched, total = _matching(first_words, second_words)
    return total / (len(first_words) + len(second_words) - matched)


@lru_cache(maxsize=65_536)
def _compared_words(name: str) -> Words:
    return content_words(name)


def same_thing(first: Words, second: Words) -> float | None:
    """The score of two names that say the same thing, or None when one says something the other
    does not (a word with no match, not even mistyped)."""
    if len(first) != len(second) or not first:  # every word is matched one to one, or none is
        return None
    if not all(_typo_prone(w) for w in (first ^ second)):  # a differing short word or number
        return None
    matched, total = _matching(first, second)
    return total / len(first) if matched == len(first) else None


def _matching(first: Words, second: Words) -> tuple[int, float]:
    """(words matched one to one, their total similarity): a shared word counts 1, a mistyped one its ratio."""
    shared = first & second
    typos = _typo_matches(sorted(first - shared), sorted(second - shared))
    return len(shared) + len(typos), len(shared) + sum(s for _, _, s in typos)


def _typo_matches(first: list[str], second: list[str]) -> list[tuple[str, str, float]]:
    """Greedy one-to-one matching of mistyped words, most alike first."""
    first, second = [w for w in first if _typo_prone(w)], [w for w in second if _typo_prone(w)]
    candidates = sorted(
        ((ratio, a, b) for a in first for b in second if (ratio := fuzz.ratio(a, b, score_cutoff=WORD_MATCH))),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_first: set[str] = set()
    used_second: set[str] = set()
    out = []
    for ratio, a, b in candidates:
        if a not in used_first and b not in used_second:
            used_first.add(a)
            used_second.add(b)
            out.append((a, b, ratio / 100))
    return out


@lru_cache(maxsize=65_536)
def _typo_prone(word: str) -> bool:
    return len(word) >= MIN_TYPO_LENGTH and word.isalpha()


def candidate_pairs(names: Mapping[str, Words]) -> set[tuple[str, str]]:
    """Pairs of ids (first < second) whose names have the same words, or the same words but
    one that may be mistyped; found through an index, never by comparing all pairs.

    A word set is indexed by the sum of its words' hashes (mod 2**64), so a set with one word
    swapped for another is a subtraction and an addition, not a new set. Two names differing in
    one mistyped word are found from the name with the rarer of the two spellings: its set, the
    word swapped for the other spelling, looked up in the index. The mistyped spellings are
    sought among the cascade's distinct words once (`_typo_partners`). Two different sets with
    the same sum only make a candidate that `same_thing` then rejects.

    Why not index every name with each of its words left out (as before): that made a table of
    every name-but-one-word (about a million at 100,000 indicators, nearly all alone under their
    key), the audit's largest, and at that size it outgrew the processor's cache, so each entry
    cost more the larger the cascade. Now the one table holds each name once, and a swap is
    looked up only where a word of the name has a mistyped spelling in the cascade."""
    with_sum = _Groups[str]()
    sums: list[tuple[str, Words, int]] = []
    counts: Counter[str] = Counter()
    for key, name_words in names.items():
        if name_words:
            total = sum(map(hash, name_words)) & _MASK
            with_sum.add(total, key)
            sums.append((key, name_words, total))
            counts.update(name_words)
    pairs: set[tuple[str, str]] = set()
    for keys in with_sum.shared.values():
        pairs.update(ordered(a, b) for a, b in combinations(keys, 2))
    towards = _typo_partners(counts)
    swappable = frozenset(towards)
    for key, name_words, total in sums:
        for word in name_words & swappable:
            without = total - hash(word)
            for spelling in towards[word]:
                pairs.update(
                    ordered(key, other) for other in with_sum[(without + hash(spelling)) & _MASK] if other != key
                )
    return pairs


def _typo_partners(counts: Mapping[str, int]) -> dict[str, list[str]]:
    """For each typo-prone word, its other spellings among `counts` (rapidfuzz ratio >=
    `WORD_MATCH`) that more names write (ties: the later word): each pair of spellings once,
    from the rarer one, so a mistyped word (written by few names) is swapped for the right one,
    not every name with the right one for the mistyped one.

    Each distinct typo-prone word is compared with those no shorter and not too much longer to
    reach the ratio (`_LONGEST_MATCH`), in rapidfuzz: a cascade's vocabulary is small and grows
    far slower than its names (159 such words at 10,000 generated indicators, 321 at 100,000), and
    the comparisons grow with its square (see docs/audit.md for larger vocabularies)."""
    vocabulary = sorted((word for word in counts if _typo_prone(word)), key=lambda word: (len(word), word))
    lengths = [len(word) for word in vocabulary]
    towards: dict[str, list[str]] = {}
    for i, word in enumerate(vocabulary):
        longer = vocabulary[i + 1 : bisect_right(lengths, _LONGEST_MATCH * len(word))]
        for other, _, _ in process.extract(word, longer, scorer=fuzz.ratio, score_cutoff=WORD_MATCH, limit=None):
            rarer, common = (word, other) if (counts[word], word) < (counts[other], other) else (other, word)
            towards.setdefault(rarer, []).append(common)
    return towards


#: How much longer than another a word can be and still reach `WORD_MATCH`: ratio =
#: 100 * (1 - indel distance / (a + b)), and the distance is at least b - a, so b <= a * 1.15 / 0.85.
_LONGEST_MATCH = (200 - WORD_MATCH) / WORD_MATCH


class _Groups(Generic[T]):
    """Entries by key, where only the keys that several entries share make a list.

    Why not a dict of lists: nearly every name is alone under its key; a list for each was the
    bulk of the index's memory and time. A key's first entry is kept as it is, and a list is
    made only when a second entry comes."""

    def __init__(self) -> None:
        self.first: dict[int, T] = {}
        #: the keys with more than one entry, and their entries in the order they came
        self.shared: dict[int, list[T]] = {}

    def add(self, key: int, entry: T) -> None:
        first = self.first.setdefault(key, entry)
        if first is not entry:
            self.shared.setdefault(key, [first]).append(entry)

    def __getitem__(self, key: int) -> list[T]:
        """The entries under `key` (none: an empty list)."""
        if key not in self.first:
            return []
        return self.shared.get(key) or [self.first[key]]


def ordered(a: str, b: str) -> tuple[str, str]:
    """The pair in one order (first < second): a set of pairs then finds it either way round."""
    return (a, b) if a < b else (b, a)
