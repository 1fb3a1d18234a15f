"""Searching indicators by the words of their names, as planners write them.

How. Whole words go through a Lucene full-text index (`indicator_words`, folding case and
accents) with the Indonesian normalisation the audit uses (`lineage.audit.indonesian`): a known
misspelling finds the standard form and back ("Presentase" and "Persentase"), filler words
("yang", "jumlah", "persentase", ...) are not required, the words may come in any order, each
word of five letters or more may carry one typo, and the last word may be unfinished (a prefix).
When that finds fewer than a page, part of a word is looked for inside the names (a text index,
or, within a scope, the scope's indicators load by load; at most `CANDIDATES` too, the first in
the index's order, and then the answer says `truncated`).

Ranking. The index picks the indicators matching (at most `CANDIDATES`; beyond that the answer
says `truncated` and the first `CANDIDATES` in name order are taken, never the best scores, whose
pick shifts whenever any cascade is loaded); the search then ranks them itself, so pages never
depend on scores: first the exact names (same words in the same order, spelling normalised), then those
holding every word asked for (fewest other words first), then near ones (a typo, a prefix), then
those matching part of a word; within each, in name order. Without words, indicators come in name
order straight from the index on names (the page stops the scan).

Every search reads the loads that answer now for the cascades in its scope (or those its cursor
names), and pages by key through one ranked list, kept per (search, loads) in a small cache.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Hashable
from functools import lru_cache
from typing import Any

from neo4j import Driver

from lineage.answers import IndicatorPage
from lineage.audit.indonesian import FILLER, SPELLING, content_words, exact_key, words
from lineage.errors import BadCursor
from lineage.indicators import Row, summaries
from lineage.paging import make_cursor, open_cursor, page_size, question_key
from lineage.pins import Reading, cursor_pins, digest, expect_pins, named_pins, period_bounds, read
from lineage.text import fold

#: The most indicators one search ranks (the index's best scores); beyond it the answer says
#: `truncated`: more words narrow it.
CANDIDATES = 1_000
#: Words shorter than this are matched exactly (a typo in "usp" is another word).
TYPO_FROM = 5
#: Searches whose ranked lists (or totals) are kept.
KEPT = 256
#: The longest search text, in characters (the API's bound on `q` too). Within it, the longest
#: word and the most words stay within what the full-text index takes: a word of a thousand
#: letters (its typo automaton) or a thousand words (maxClauseCount) is a Lucene error.
MAX_QUERY = 200

#: The English stop words the index's analyzer (standard-folding) leaves out of names and queries:
#: such a word typed can only be optional, or the query would require a word no name holds.
LUCENE_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)

#: standard word -> the misspellings that mean it (SPELLING read the other way).
_MISSPELT: dict[str, list[str]] = {}
for _wrong, _right in SPELLING.items():
    _MISSPELT.setdefault(_right, []).append(_wrong)

Ranked = list[tuple[tuple[Any, ...], Row]]


def search_indicators(
    driver: Driver,
    q: str = "",
    *,
    limit: int = 50,
    cursor: str | None = None,
    cascade: str | None = None,
    agency: str | None = None,
    period: str | None = None,
    database: str | None = None,
) -> IndicatorPage:
    """Indicators whose names match the words of `q` (see the module docstring), best first; of
    one cascade, one agency's cascades, or cascades whose period overlaps `period`, when asked."""
    limit = page_size(limit)
    start, end = period_bounds(period)
    terms = words(q)
    scope = {"cascade": cascade, "agency": fold(agency) if agency else None, "start": start, "end": end}
    question = question_key("search", words=list(terms), **scope)
    after = open_cursor(question, cursor) if cursor else None
    named = named_pins(after) if after else None

    def ask(reading: Reading) -> tuple[Ranked, int, bool]:
        if named is not None:
            loads = dict(named)
        else:
            rows = reading.rows(
                "search_scope",
                cascade=cascade,
                agency=scope["agency"],
                period_start=start,
                period_end=end,
            )
            loads = {r["cascade"]: r["load"] for r in rows}
        reading.saw(loads.items())
        if not terms:
            return _in_name_order(reading, loads, after, limit)
        return _ranked(reading, question, loads, q, terms, limit, scoped=any(v is not None for v in scope.values()))

    (ranked, total, truncated), pins = read(driver, ask, database=database, cursor_pins=named)
    expect_pins(after, pins)
    position = tuple(_position(after)) if after else None
    first = bisect_right([rank for rank, _ in ranked], position) if position and terms else 0
    page = ranked[first : first + limit]
    more = len(page) == limit and (first + limit < len(ranked) if terms else len(ranked) > limit)
    page = page[:limit]
    return IndicatorPage(
        items=summaries([row for _, row in page], pins),
        total=total,
        truncated=truncated,
        next_cursor=make_cursor(question, {**cursor_pins(pins), "k": list(page[-1][0])}) if more else None,
    )


def _in_name_order(
    reading: Reading, loads: dict[str, str], after: dict[str, Any] | None, limit: int
) -> tuple[Ranked, int, bool]:
    """A page (and one more row) in name order after the cursor's position, and the total."""
    key, uid = ("", "")
    if after is not None:
        position = _position(after)
        if len(position) != 2 or not all(isinstance(part, str) for part in position):
            raise BadCursor("the cursor is not one this server handed out")
        key, uid = position
    records = reading.rows("search_all", loads=loads, after_key=key, after_uid=uid, limit=limit + 1)
    counted = ("count", digest(loads.items()))
    total = _kept.get(counted)
    if total is None:
        record = reading.row("search_count", loads=loads)
        total = record["total"] if record else 0
        _kept.put(counted, total)
    return [((r["key"], r["row"][0]), r["row"]) for r in records], total, False


def _ranked(
    reading: Reading, question: str, loads: dict[str, str], q: str, terms: tuple[str, ...], limit: int, *, scoped: bool
) -> tuple[Ranked, int, bool]:
    """Every candidate ranked (see the module docstring), kept for the loads read. `scoped`: the
    search is of some cascades (one, an agency's, a period's), whose indicators the part-of-a-word
    fallback reads load by load (cypher/search_part_in_loads.cypher says why); a search of every
    cascade asks the text index, which answers a rare part at once."""
    kept_key = (question, digest(loads.items()))
    kept = _kept.get(kept_key)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    query = lucene_query(terms)
    found = reading.rows("search_words", words=query, loads=loads, candidates=CANDIDATES + 1)
    truncated = len(found) > CANDIDATES
    if truncated:  # the best scores' pick shifts with every load: the same data must give the same answer
        found = reading.rows("search_words_by_name", words=query, loads=loads, candidates=CANDIDATES)
    ranked = [(_rank(terms, r["key"], r["spellings"], r["row"][0]), r["row"]) for r in found]
    if len(found) < limit and not truncated:
        seen = {row[0] for _, row in ranked}
        statement = "search_part_in_loads" if scoped else "search_part"
        part = reading.rows(statement, part=fold(q), loads=loads, candidates=CANDIDATES + 1)
        truncated = len(part) > CANDIDATES  # the first CANDIDATES in the text index's order
        ranked += [((3, 0, r["key"], r["row"][0]), r["row"]) for r in part[:CANDIDATES] if r["row"][0] not in seen]
    ranked.sort(key=lambda item: item[0])
    answer = (ranked, len(ranked), truncated)
    _kept.put(kept_key, answer)
    return answer


def lucene_query(terms: tuple[str, ...]) -> str:
    """The full-text query for the words of a search: each word that says what is measured is
    required (as written, in another spelling, with one typo, or unfinished when it is the last);
    filler words only raise the score. Words are letters and digits only (`words` split the rest
    away), so nothing typed reaches Lucene's syntax."""
    clauses = []
    for n, term in enumerate(terms):
        forms = [term, *_MISSPELT.get(term, [])]
        if len(term) >= TYPO_FROM:
            forms.append(f"{term}~1")
        if n == len(terms) - 1 and len(term) >= 2:
            forms.append(f"{term}*")
        clause = "(" + " OR ".join(forms) + ")"
        clauses.append(clause if term in FILLER or term in LUCENE_STOP_WORDS else f"+{clause}")
    return " ".join(clauses)


def _rank(terms: tuple[str, ...], key: str, spellings: str, uid: str) -> tuple[int, int, str, str]:
    """(0 exact, 1 every word, 2 near; other words; name; id) over the indicator's spellings."""
    asked, wanted = " ".join(terms), _content(" ".join(terms))
    best = (2, 0)
    for spelling in spellings.split("\n"):
        if exact_key(spelling) == asked:
            return (0, 0, key, uid)
        have = _content(spelling)
        if wanted <= have:
            best = min(best, (1, len(have - wanted)))
    return (*best, key, uid)


@lru_cache(maxsize=65_536)
def _content(text: str) -> frozenset[str]:
    return content_words(text)


def _position(after: dict[str, Any]) -> list[Any]:
    position = after.get("k")
    if not isinstance(position, list):
        raise BadCursor("the cursor is not one this server handed out")
    return position


class _Kept:
    """A small least-recently-used store of ranked searches and totals, per (search, loads)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


_kept = _Kept(KEPT)
