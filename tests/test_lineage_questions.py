"""The lineage questions answered from a real Neo4j, checked against networkx on the same file."""

from __future__ import annotations

import pytest

from lineage import indicators, rollups, search
from lineage.cascade import Tier, read_cascade
from lineage.errors import Ambiguous, BadCursor
from lineage.loader import load_cascade
from tests.support.makassar import CASCADE, KOPERASI_SEHAT, KOPERASI_SEHAT_STAFF
from tests.support.oracle import contributors as oracle_contributors
from tests.support.oracle import indicator_graph, paths_to_top
from tests.support.paths import MAKASSAR


def test_the_staff_indicators_rolling_up_into_persentase_koperasi_sehat(makassar, database):
    answer = rollups.contributors(makassar, KOPERASI_SEHAT, tier=Tier.staff, database=database)
    assert {n.local_id: n.name for n in answer.items} == KOPERASI_SEHAT_STAFF
    assert {n.local_id: n.hops for n in answer.items} == {
        "ik-kegiatan-3.1": 2,
        "ik-kegiatan-4.1": 2,
        "ik-subkegiatan-3.1.1": 3,
        "ik-subkegiatan-3.1.2": 3,
        "ik-subkegiatan-4.1.1": 3,
    }
    assert all(n.owner.tier_label == "JAFUNG/STAF" for n in answer.items)
    assert answer.total == 5 and not answer.truncated and answer.next_cursor is None


def test_the_staff_answer_matches_networkx_on_the_same_file(makassar, database):
    graph = indicator_graph(MAKASSAR)
    expected = {node for node in oracle_contributors(graph, "ik-sasaran-2") if graph.nodes[node]["tier"] == "staff"}
    answer = rollups.contributors(makassar, KOPERASI_SEHAT, tier=Tier.staff, database=database)
    assert {n.local_id for n in answer.items} == expected == set(KOPERASI_SEHAT_STAFF)


def test_every_roll_up_matches_networkx(makassar, database):
    graph = indicator_graph(MAKASSAR)
    for indicator in graph.nodes:
        answer = rollups.contributors(makassar, f"{CASCADE}:{indicator}", database=database)
        assert {n.local_id: n.hops for n in answer.items} == oracle_contributors(graph, indicator), indicator
        assert {(e.from_, e.to) for e in answer.edges} == {
            (f"{CASCADE}:{a}", f"{CASCADE}:{b}")
            for a, b in graph.subgraph([indicator, *oracle_contributors(graph, indicator)]).edges
        }, indicator


def test_every_trace_to_the_top_matches_networkx(makassar, database):
    graph = indicator_graph(MAKASSAR)
    for indicator in graph.nodes:
        answer = rollups.contributes_to(makassar, f"{CASCADE}:{indicator}", database=database)
        found = {tuple(uid.split(":", 1)[1] for uid in path) for path in answer.paths}
        assert found == paths_to_top(graph, indicator), indicator
        assert answer.cycles == [] and not answer.truncated


def test_a_staff_indicator_traces_up_to_the_mayor_through_its_program_and_target(makassar, database):
    answer = rollups.contributes_to(makassar, f"{CASCADE}:ik-subkegiatan-3.1.1", database=database)
    assert answer.paths == [
        [
            f"{CASCADE}:ik-subkegiatan-3.1.1",
            f"{CASCADE}:ik-kegiatan-3.1",
            f"{CASCADE}:ik-program-3",
            f"{CASCADE}:ik-sasaran-2",
            f"{CASCADE}:ik-tujuan-1",
        ]
    ]
    assert [(n.local_id, n.owner.tier) for n in answer.items] == [
        ("ik-kegiatan-3.1", "staff"),
        ("ik-program-3", "eselon_iii"),
        ("ik-sasaran-2", "kepala_dinas"),
        ("ik-tujuan-1", "walikota"),
    ]


def test_depth_limits_the_walk_and_says_the_answer_was_cut(makassar, database):
    answer = rollups.contributors(makassar, KOPERASI_SEHAT, depth=1, database=database)
    assert {n.local_id for n in answer.items} == {"ik-program-3", "ik-program-4"}
    assert answer.truncated


@pytest.mark.parametrize("depth", [0, rollups.MAX_DEPTH + 1])
def test_depth_outside_its_bounds_is_refused(makassar, database, depth):
    with pytest.raises(ValueError, match="depth must be between 1 and"):
        rollups.contributors(makassar, KOPERASI_SEHAT, depth=depth, database=database)


def test_contributors_page_through_with_a_cursor(makassar, database):
    seen, cursor = [], None
    while True:
        page = rollups.contributors(makassar, f"{CASCADE}:ik-tujuan-1", limit=4, cursor=cursor, database=database)
        seen += [n.local_id for n in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    whole = rollups.contributors(makassar, f"{CASCADE}:ik-tujuan-1", database=database)
    assert seen == [n.local_id for n in whole.items] and len(seen) == whole.total == 16


def test_a_cycle_in_the_database_is_reported_not_followed(makassar, database):
    # The loader refuses cycles, but data may reach the database by other means.
    makassar.execute_query(
        "MATCH (top:Indicator {uid: $top}), (low:Indicator {uid: $low}) CREATE (top)-[:CONTRIBUTES_TO]->(low)",
        top=f"{CASCADE}:ik-tujuan-1",
        low=f"{CASCADE}:ik-subkegiatan-3.1.1",
        database_=database,
    )
    up = rollups.contributes_to(makassar, f"{CASCADE}:ik-subkegiatan-3.1.1", database=database)
    assert up.cycles == [
        [
            f"{CASCADE}:ik-subkegiatan-3.1.1",
            f"{CASCADE}:ik-kegiatan-3.1",
            f"{CASCADE}:ik-program-3",
            f"{CASCADE}:ik-sasaran-2",
            f"{CASCADE}:ik-tujuan-1",
            f"{CASCADE}:ik-subkegiatan-3.1.1",
        ]
    ]
    down = rollups.contributors(makassar, KOPERASI_SEHAT, database=database)
    assert len({n.id for n in down.items}) == len(down.items)  # each indicator once, however it loops


@pytest.mark.parametrize(
    "typed",
    [
        "Persentase Koperasi Sehat",
        "persentase koperasi sehat",
        "PERSENTASE KOPERASI  SÉHAT",
        "ik-sasaran-2",
        KOPERASI_SEHAT,
        "koperasi sehat",
    ],
)
def test_an_indicator_is_found_by_id_or_by_its_name_however_typed(makassar, database, typed):
    assert indicators.resolve_indicator(makassar, typed, database=database).id == KOPERASI_SEHAT


def test_a_name_matching_several_indicators_lists_them(makassar, database):
    with pytest.raises(Ambiguous) as caught:
        indicators.resolve_indicator(makassar, "koperasi", database=database)
    assert len(caught.value.candidates) == indicators.AMBIGUOUS_SHOWN


def test_search_finds_the_overview_page_spelling_too(makassar, database):
    page = search.search_indicators(
        makassar, "Presentase SDM Koperasi yang mendapat Pendidikan pelatihan", database=database
    )
    assert [i.local_id for i in page.items] == ["ik-program-4"]


def test_search_pages_cover_every_indicator_once(makassar, database):
    seen, cursor = [], None
    while True:
        page = search.search_indicators(makassar, "", limit=7, cursor=cursor, database=database)
        seen += [i.local_id for i in page.items]
        if not (cursor := page.next_cursor):
            break
    assert sorted(seen) == sorted(i.id for i in read_cascade(MAKASSAR).indicators)
    assert len(seen) == len(set(seen)) == 33


def test_a_cursor_from_another_search_is_refused(makassar, database):
    page = search.search_indicators(makassar, "koperasi", limit=2, database=database)
    with pytest.raises(BadCursor):
        search.search_indicators(makassar, "umkm", cursor=page.next_cursor, database=database)


@pytest.mark.parametrize(
    "first, second", [("ik-kegiatan-3.1", "ik-kegiatan-4.1"), ("ik-kegiatan-4.1", "ik-kegiatan-3.1")]
)
def test_an_indicator_rolling_up_into_two_lists_its_links_in_one_order_whatever_order_they_were_written(
    graph, database, first, second
):
    """The same cascade loaded again must give the same answer: the order the database hands back
    an indicator's links in is not part of it (the soak compares answers across reloads)."""
    cascade = read_cascade(MAKASSAR)
    twice = [
        ind.model_copy(update={"contributes_to": [first, second]}) if ind.id == "ik-subkegiatan-3.1.1" else ind
        for ind in cascade.indicators
    ]
    load_cascade(graph, cascade.model_copy(update={"indicators": twice}), database=database)
    answer = rollups.contributors(graph, f"{CASCADE}:ik-tujuan-1", database=database)
    from_shared = [edge.to for edge in answer.edges if edge.from_ == f"{CASCADE}:ik-subkegiatan-3.1.1"]
    assert from_shared == [f"{CASCADE}:ik-kegiatan-3.1", f"{CASCADE}:ik-kegiatan-4.1"]
