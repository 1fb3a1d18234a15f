"""A region's cascades seen one at a time: each cascade's view is its own tree, and the links to
and from other cascades (`external_parent`) are said beside it, never drawn as its boxes.

The example workbook gives the region's RPJMD goals and two agencies whose targets serve them.
Expected answers come from the imported cascade files (the `parent` and `external_parent` they
write), not from Lineage's queries.
"""

from __future__ import annotations

from collections import Counter

import pytest
from fastapi.testclient import TestClient

from lineage.api.main import create_app
from lineage.cascade.model import Cascade
from lineage.importers import import_source, load_imported
from lineage.loader import load_cascade
from lineage.render import Paper, cascade_diagram
from lineage.render.dot import to_dot
from tests.support.paths import RPJMD, WORKBOOK

KOPERASI = "kota-makassar-dinas-koperasi-dan-ukm-2025-2029"
PERDAGANGAN = "kota-makassar-dinas-perdagangan-2025-2029"


@pytest.fixture(scope="module")
def files() -> dict[str, Cascade]:
    return {c.id: c for c in import_source(str(WORKBOOK)).cascades}


@pytest.fixture
def client(graph, database):
    load_imported(graph, import_source(str(WORKBOOK)), database=database)
    with TestClient(create_app(graph, database)) as client:
        yield client


def _uid(cascade: Cascade, local_id: str) -> str:
    return f"{cascade.id}:{local_id}"


def _boxes(client, cascade_id: str, **params) -> list[dict]:
    answer = client.get(f"/cascades/{cascade_id}/elements", params={"limit": 500, **params})
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


@pytest.mark.parametrize("cascade_id", [RPJMD, KOPERASI, PERDAGANGAN])
def test_each_cascade_opens_on_its_own_top_elements_and_its_tree_holds_exactly_its_elements(client, files, cascade_id):
    cascade = files[cascade_id]
    tops = [_uid(cascade, e.id) for e in cascade.elements if not e.parent]
    children = Counter(_uid(cascade, e.parent) for e in cascade.elements if e.parent)

    roots = _boxes(client, cascade_id, roots=True)
    assert [box["id"] for box in roots] == tops and tops
    # Walking the tree as the page does (roots, then the children of what is open) reaches every
    # element of the cascade once, each under the parent its file gives it.
    seen, row = {box["id"]: box for box in roots}, [box["id"] for box in roots]
    while row:
        below = _boxes(client, cascade_id, parent=row)
        seen.update((box["id"], box) for box in below)
        row = [box["id"] for box in below]
    assert set(seen) == {_uid(cascade, e.id) for e in cascade.elements}
    for element in cascade.elements:
        box = seen[_uid(cascade, element.id)]
        assert box["parent"] == (_uid(cascade, element.parent) if element.parent else None)
        assert box["children"] == children[box["id"]]


def test_an_agency_target_names_the_goal_of_the_other_cascade_it_serves_apart_from_its_parent(client, files):
    goals = {_uid(files[RPJMD], e.id): e.name for e in files[RPJMD].elements}
    for cascade_id in (KOPERASI, PERDAGANGAN):
        serving = {
            _uid(files[cascade_id], e.id): e.external_parent for e in files[cascade_id].elements if e.external_parent
        }
        assert serving  # the workbook links every agency target to a goal

        for box in _boxes(client, cascade_id, roots=True):
            assert box["parent"] is None
            assert box["external_parent"] == {
                "id": serving[box["id"]],
                "cascade": RPJMD,
                "agency": "RPJMD Kota Makassar",
                "name": goals[serving[box["id"]]],
            }
        assert all(box["external_parent"] is None for box in _boxes(client, cascade_id, kind="program"))


def test_a_goal_counts_the_agencies_serving_it_but_its_children_are_its_own_cascades_only(client, files):
    served = Counter((e.external_parent, c.id) for c in files.values() for e in c.elements if e.external_parent)
    agencies = {c.id: c.agency for c in files.values()}

    for goal in _boxes(client, RPJMD, roots=True):
        assert goal["children"] == 0
        assert goal["served_by"] == [
            {"cascade": cascade_id, "agency": agencies[cascade_id], "elements": n}
            for (parent, cascade_id), n in sorted(served.items(), key=lambda item: item[0][1])
            if parent == goal["id"]
        ]
        assert goal["served_by"]
        assert _boxes(client, RPJMD, parent=goal["id"]) == []
    # an element of another cascade has no children in this one
    assert _boxes(client, RPJMD, parent=f"{KOPERASI}:sasaran-1") == []


def test_a_goal_whose_cascade_is_not_loaded_is_still_named_by_its_id(graph, database, files):
    load_cascade(graph, files[KOPERASI], database=database)
    with TestClient(create_app(graph, database)) as client:
        roots = _boxes(client, KOPERASI, roots=True)

    assert [box["external_parent"] for box in roots] == [
        {"id": e.external_parent, "cascade": RPJMD, "agency": None, "name": None}
        for e in files[KOPERASI].elements
        if e.external_parent
    ]


def test_locate_stops_at_the_top_of_the_cascade_asked_about(client, files):
    cascade = files[KOPERASI]
    parent = {e.id: e.parent for e in cascade.elements}

    def above(element: str) -> list[str]:
        chain = []
        while parent[element]:
            element = parent[element]
            chain.insert(0, _uid(cascade, element))
        return chain

    asked = [_uid(cascade, e.id) for e in cascade.elements] + [_uid(cascade, i.id) for i in cascade.indicators]
    answer = client.get(f"/cascades/{KOPERASI}/locate", params={"id": asked}).json()["items"]

    expected = {_uid(cascade, e.id): above(e.id) for e in cascade.elements}
    expected |= {_uid(cascade, i.id): above(i.measures) for i in cascade.indicators}
    assert {item["id"]: item["ancestors"] for item in answer} == expected


def test_the_diagram_draws_only_links_between_its_own_boxes_and_names_the_goals_served(client, graph, database, files):
    goals = {_uid(files[RPJMD], e.id): e.name for e in files[RPJMD].elements}
    cascade = files[PERDAGANGAN]

    diagram = cascade_diagram(graph, PERDAGANGAN, database=database)

    boxes = {box.id: box for box in diagram.boxes}
    assert set(boxes) == {_uid(cascade, e.id) for e in cascade.elements}
    assert set(diagram.links) == {(_uid(cascade, e.id), _uid(cascade, e.parent)) for e in cascade.elements if e.parent}
    for element in cascade.elements:
        assert boxes[_uid(cascade, element.id)].serves == (
            goals[element.external_parent] if element.external_parent else None
        )
    dot = to_dot(diagram, page_in=Paper.a3.printable_in, lang="en", wrap=500)  # one line per text
    assert RPJMD not in dot  # no box named by a raw id of another cascade
    assert "Serves: " + goals[cascade.elements[0].external_parent] in dot


def test_the_goals_diagram_says_which_agencies_serve_each_goal(client, graph, database, files):
    diagram = cascade_diagram(graph, RPJMD, database=database)

    assert diagram.links == []
    assert {box.served_by for box in diagram.boxes} == {"Dinas Koperasi dan UKM (1), Dinas Perdagangan (1)"}
    assert "Didukung oleh: Dinas Koperasi dan UKM (1), Dinas Perdagangan (1)" in to_dot(
        diagram, page_in=Paper.a3.printable_in, lang="id", wrap=500
    )
