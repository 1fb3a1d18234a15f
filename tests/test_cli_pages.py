"""`--all` gathers every page of a paged question into ONE answer, in the model the API answers
with: the pages' lists joined in order, the counts of the first page, no cursor left."""

from __future__ import annotations

from lineage.answers import CascadePage, CascadeSummary, ContributorsAnswer, Edge, IndicatorSummary, LineageNode
from lineage.cli.common import pages

START = IndicatorSummary(id="c:top", local_id="top", cascade="c", name="Top")


def _node(n: int) -> LineageNode:
    return LineageNode(id=f"c:{n}", local_id=str(n), cascade="c", name=f"N{n}", hops=1, level=1)


def _contributors(numbers: list[int], cursor: str | None) -> ContributorsAnswer:
    nodes = [_node(n) for n in numbers]
    return ContributorsAnswer(
        indicator=START,
        depth=3,
        total=5,
        items=nodes,
        nodes=nodes,
        edges=[Edge(from_=node.id, to=START.id) for node in nodes],
        truncated=False,
        next_cursor=cursor,
    )


CONTRIBUTORS = {None: _contributors([1, 2], "p2"), "p2": _contributors([3, 4], "p3"), "p3": _contributors([5], None)}


def test_every_page_becomes_one_answer_with_the_lists_joined_in_order():
    merged = pages(CONTRIBUTORS.__getitem__, None, every_page=True)
    assert [n.local_id for n in merged.items] == ["1", "2", "3", "4", "5"]
    assert vars(merged)["nodes"] == merged.items  # the deprecated name of items, read without its warning
    assert [e.from_ for e in merged.edges] == ["c:1", "c:2", "c:3", "c:4", "c:5"]
    assert (merged.total, merged.next_cursor, merged.indicator) == (5, None, START)


def test_from_a_cursor_every_page_means_that_page_and_those_after_it():
    merged = pages(CONTRIBUTORS.__getitem__, "p2", every_page=True)
    assert [n.local_id for n in merged.items] == ["3", "4", "5"] and merged.next_cursor is None


def test_without_every_page_the_page_asked_for_is_answered_as_it_came():
    assert pages(CONTRIBUTORS.__getitem__, "p2", every_page=False) == CONTRIBUTORS["p2"]


def test_a_list_answer_without_edges_is_merged_the_same_way():
    def cascade(n: int) -> CascadeSummary:
        return CascadeSummary(id=f"c{n}", agency="A", region="R", period="2025-2029", elements={}, indicators=0)

    listed = {
        None: CascadePage(items=[cascade(1)], total=2, next_cursor="x"),
        "x": CascadePage(items=[cascade(2)], total=2),
    }
    merged = pages(listed.__getitem__, None, every_page=True)
    assert merged == CascadePage(items=[cascade(1), cascade(2)], total=2)
