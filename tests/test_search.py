"""Search by words, as planners write them: accents and case folded, Indonesian spellings and
filler words, words in any order, one typo, part of a word; exact names first; each hit with its
cascade and element; no words: every indicator in name order."""

from __future__ import annotations

import re

import pytest

from lineage import search
from lineage.audit.indonesian import words
from lineage.cascade import read_cascade
from lineage.loader import load_cascade
from lineage.pins import statement_text
from lineage.text import fold
from tests.support.faults import cascade_node
from tests.support.makassar import CASCADE, KOPERASI_SEHAT
from tests.support.paths import MAKASSAR
from tests.support.plans import db_hits
from tests.support.synthetic import generate_cascade


def _ids(driver, database, q: str, **options) -> list[str]:
    return [i.id.split(":", 1)[1] for i in search.search_indicators(driver, q, database=database, **options).items]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Persentase Koperasi Sehat", "ik-sasaran-2"),  # exact
        ("PERSENTASE KOPERASI  SÉHAT", "ik-sasaran-2"),  # case, accents, spaces
        ("Presentase Koperasi Sehat", "ik-sasaran-2"),  # the misspelling finds the standard form
        ("koperasi sehat", "ik-sasaran-2"),  # filler ("persentase") need not be typed
        ("sehat koperasi", "ik-sasaran-2"),  # any order
        ("Persentase Koprasi Sehat", "ik-sasaran-2"),  # one typo in a word
        ("Koperasi diawasi diperiksa", "ik-kegiatan-1.1"),  # the audit's near-duplicate wording
        ("pemberdayaan umkm fasilitasi", "ik-program-5a"),
    ],
)
def test_a_name_is_found_however_it_is_typed_and_ranked_first(makassar, database, typed, first):
    assert _ids(makassar, database, typed)[0] == first


def test_the_standard_form_finds_a_name_written_misspelt(makassar, database):
    # ik-program-1 is written "Presentase Koperasi yang diperiksa dan diawasi" in the source.
    assert "ik-program-1" in _ids(makassar, database, "Persentase koperasi diperiksa")


@pytest.mark.parametrize("scope", [{}, {"cascade": CASCADE}, {"agency": "Dinas Koperasi & UKM"}], ids=str)
def test_an_unfinished_or_inner_part_of_a_word_is_found(makassar, database, scope):
    assert "ik-sasaran-2" in _ids(makassar, database, "koperasi seh", **scope)  # the word being typed
    assert _ids(makassar, database, "ngangguran", **scope) == ["ik-tujuan-2a"]  # inside a word: "Pengangguran"


def test_part_of_a_word_within_a_scope_reads_the_scopes_indicators_not_every_match_in_the_database(makassar, database):
    """A common part of a word in a big store: the text index yields every cascade's matches, each
    then tested against the scope; the scope's own indicators, read by load, are far fewer."""
    load_cascade(makassar, generate_cascade(3000, cascade_id="besar"), database=database)
    loads = {CASCADE: cascade_node(makassar, CASCADE, database)["active_load"]}
    makassar_indicators = len(read_cascade(MAKASSAR).indicators)

    hits = {}
    for statement in ("search_part", "search_part_in_loads"):
        with makassar.session(database=database) as session:
            result = session.run("PROFILE " + statement_text(statement), part="a", loads=loads, candidates=1001)
            assert {r["row"][2] for r in result} == {CASCADE}
            hits[statement] = db_hits(result.consume().profile)

    assert hits["search_part_in_loads"] <= 40 * makassar_indicators, hits
    assert hits["search_part"] > 3000, hits  # the other cascade's matches, read and thrown away


def test_exact_names_come_before_names_holding_every_word_before_near_ones(makassar, database):
    found = _ids(makassar, database, "Persentase Koperasi Sehat", limit=50)
    assert found[0] == "ik-sasaran-2"
    holding = found.index("ik-program-3")  # "Persentase Koperasi Simpan Pinjam yang sehat"
    assert "ik-sasaran-1" not in found[:holding]  # "Persentase Koperasi Aktif" lacks "sehat"


def test_each_hit_shows_its_cascade_and_element(makassar, database):
    hit = search.search_indicators(makassar, "koperasi sehat", database=database).items[0]
    assert hit.id == KOPERASI_SEHAT and hit.cascade == CASCADE
    assert hit.element and hit.element.kind == "agency_target" and hit.element.id == f"{CASCADE}:sasaran-2"
    assert hit.agency == "Dinas Koperasi & UKM"


def test_no_words_lists_every_indicator_in_name_order(makassar, database):
    page = search.search_indicators(makassar, "", limit=500, database=database)
    assert page.total == len(page.items) == 33 and page.next_cursor is None
    keys = [fold(i.name) for i in page.items]
    assert keys == sorted(keys)


def test_a_search_pages_through_its_ranked_list_once(makassar, database):
    whole = search.search_indicators(makassar, "koperasi", limit=500, database=database)
    seen, cursor = [], None
    while True:
        page = search.search_indicators(makassar, "koperasi", limit=3, cursor=cursor, database=database)
        seen += [i.id for i in page.items]
        if not (cursor := page.next_cursor):
            break
    assert seen == [i.id for i in whole.items] and len(seen) == whole.total > 3


def test_nothing_typed_into_the_search_reaches_lucene_syntax():
    query = search.lucene_query(words('koperasi" OR x:* AND (sehat~9)^5 \\ [a TO z]'))
    operators = re.sub(r" OR ", " ", query)
    assert re.fullmatch(r"[a-z0-9 ()+~*]*", operators), query
    assert "+(koperasi OR koperasi~1)" in query and "(or)" in query  # "OR" typed is a word (filler here)


def test_a_search_matching_more_than_it_ranks_picks_the_same_ones_after_a_reload(makassar, database, monkeypatch):
    """Beyond CANDIDATES matches the answer is `truncated`, and which ones are ranked is decided by
    name, not by the index's scores (they shift with every load), so a reload of the same data
    gives the same answer."""
    monkeypatch.setattr(search, "CANDIDATES", 4)
    matching = search.search_indicators(makassar, "koperasi", database=database, limit=50)
    assert matching.truncated and matching.total == 4
    everything = [i for i in search.search_indicators(makassar, "", database=database, limit=500).items]
    koperasi = sorted((fold(i.name), i.id) for i in everything if "koperasi" in re.findall(r"\w+", fold(i.name)))
    assert len(koperasi) > 4
    assert {i.id for i in matching.items} <= {uid for _, uid in koperasi}
    load_cascade(makassar, read_cascade(MAKASSAR), database=database)  # the same data, loaded again
    again = search.search_indicators(makassar, "koperasi", database=database, limit=50)
    assert [i.id for i in again.items] == [i.id for i in matching.items]


@pytest.mark.parametrize("scope", [{}, {"cascade": CASCADE}], ids=str)
def test_part_of_a_word_matching_more_than_it_ranks_says_truncated(makassar, database, monkeypatch, scope):
    monkeypatch.setattr(search, "CANDIDATES", 4)
    found = search.search_indicators(makassar, "perasi", database=database, limit=50, **scope)
    assert found.truncated and found.total == 4
    assert all("perasi" in fold(i.name) for i in found.items)
