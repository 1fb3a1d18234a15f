"""The lineage questions are one statement each (one indicator too), visit each indicator once (PROFILEd: database
hits grow with the answer, not with the paths), page from one walk, and agree with networkx on
every page and filter."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lineage import indicators, pins, rollups
from lineage.cascade.model import ElementKind, Tier
from lineage.loader import load_cascade
from lineage.pins import statement_text
from tests.support.makassar import CASCADE
from tests.support.oracle import contributors as oracle_contributors
from tests.support.oracle import indicator_graph
from tests.support.paths import MAKASSAR
from tests.support.plans import db_hits, operators
from tests.support.synthetic import generate_wide_cascade, wide_goal_indicator

WIDE = "wide"


@pytest.fixture
def wide(graph, database, tmp_path) -> Path:
    """The wide fan-out cascade with roll-ups of 10 and 100 contributors, loaded; its file."""
    cascade = generate_wide_cascade((10, 100), cascade_id=WIDE)
    load_cascade(graph, cascade, database=database)
    path = tmp_path / "wide.yaml"
    path.write_text(yaml.safe_dump(cascade.model_dump(mode="json", exclude_defaults=True), allow_unicode=True))
    return path


def _profile(driver, database, contributors: int) -> tuple[int, list[str]]:
    statement = statement_text("indicator_contributors").replace("WALK_DEPTH", "11")
    with driver.session(database=database) as session:
        result = session.run(
            "PROFILE " + statement,
            cascade=WIDE,
            uid=wide_goal_indicator(WIDE, contributors),
            load=None,
            depth=10,
            cap=rollups.MAX_WALK,
            tier=None,
            kind=None,
        )
        assert len(result.single()["rows"]) == contributors
        profile = result.consume().profile
    return db_hits(profile), [op.name for op in operators(profile)]


def test_a_roll_up_is_one_breadth_first_walk_with_hits_bounded_by_its_size(wide, graph, database):
    small, names = _profile(graph, database, 10)
    large, _ = _profile(graph, database, 100)
    assert any(op.startswith("VarLengthExpand(Pruning,BFS") for op in names), names
    assert large <= 50 * 100 + 100, large  # about 41 per contributor on this graph, plus the lookups
    assert large / small < 12  # linear: ten times the answer, about ten times the work


def test_later_pages_are_cut_from_the_walk_without_walking_again(wide, graph, database):
    goal = wide_goal_indicator(WIDE, 100)
    statements: list[str] = []
    with pins.between_statements(statements.append):
        first = rollups.contributors(graph, goal, limit=30, database=database)
        rest = rollups.contributors(graph, goal, limit=500, cursor=first.next_cursor, database=database)
    assert statements.count("indicator_contributors") == 1 and "pins_readable" in statements
    assert len(first.items) + len(rest.items) == first.total == 100 and rest.next_cursor is None


def _paged(driver, database, indicator: str, limit: int, **filters) -> list[tuple[str, int]]:
    seen, cursor = [], None
    while True:
        page = rollups.contributors(driver, indicator, limit=limit, cursor=cursor, database=database, **filters)
        seen += [(n.local_id, n.hops) for n in page.items]
        if not (cursor := page.next_cursor):
            return seen


def _expected(graph, indicator: str, tier: str | None = None, kind: str | None = None) -> dict[str, int]:
    return {
        node: hops
        for node, hops in oracle_contributors(graph, indicator).items()
        if (tier is None or graph.nodes[node]["tier"] == tier) and (kind is None or graph.nodes[node]["kind"] == kind)
    }


def test_every_page_of_every_filtered_roll_up_matches_networkx(makassar, database):
    graph = indicator_graph(MAKASSAR)
    for indicator in ("ik-tujuan-1", "ik-tujuan-2a", "ik-sasaran-2", "ik-sasaran-3a"):
        for tier in (None, Tier.staff, Tier.eselon_iii):
            for kind in (None, ElementKind.kegiatan, ElementKind.sub_kegiatan):
                paged = _paged(makassar, database, f"{CASCADE}:{indicator}", 3, tier=tier, kind=kind)
                assert len(paged) == len(set(paged)), (indicator, tier, kind)
                assert dict(paged) == _expected(graph, indicator, tier, kind), (indicator, tier, kind)
                assert [hops for _, hops in paged] == sorted(hops for _, hops in paged)  # nearest first


def test_a_generated_wide_roll_up_pages_as_networkx_answers(wide, graph, database):
    oracle = indicator_graph(wide)
    for tier in (None, Tier.staff):
        paged = _paged(graph, database, wide_goal_indicator(WIDE, 100), 7, tier=tier)
        assert dict(paged) == _expected(oracle, "ik-goal-100", tier.value if tier else None)
        assert len(paged) == len(set(paged))


def test_one_indicator_is_one_statement_whose_hits_grow_with_its_direct_links_only(wide, graph, database):
    goal = wide_goal_indicator(WIDE, 100)
    statements: list[str] = []
    with pins.between_statements(statements.append):
        detail = indicators.get_indicator(graph, goal, database=database)
    assert statements == ["indicator_detail"]  # its figures and its check included
    assert detail.contributors and detail.data is not None
    with graph.session(database=database) as session:
        result = session.run("PROFILE " + statement_text("indicator_detail"), cascade=WIDE, uid=goal, load=None)
        links = len(result.single()["down"])
        profile = result.consume().profile
    hits = db_hits(profile)
    assert hits <= 150 + 50 * links, hits  # about 95 for the indicator and 35 per direct link here
