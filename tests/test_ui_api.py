"""The page is served by the API itself, beside (never over) the API's own paths; and the one
question the page adds, where a node sits in the diagram, answers as the cascade file says."""

from __future__ import annotations

import pytest
import yaml
from fastapi.testclient import TestClient

from lineage.api.main import create_app
from lineage.cascade import read_cascade
from lineage.loader import load_cascade
from lineage.paging import MAX_PAGE
from tests.support.paths import MAKASSAR

CASCADE = "makassar-diskopukm"


@pytest.fixture
def client(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    with TestClient(create_app(graph, database)) as client:
        yield client


def test_the_page_and_its_files_are_served_from_the_repository(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="ui/app.js">' in page.text
    for name, media in [("app.js", "text/javascript"), ("style.css", "text/css"), ("i18n.js", "text/javascript")]:
        answer = client.get(f"/ui/{name}")
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
    assert "https://" not in page.text + client.get("/ui/style.css").text  # nothing from the internet


@pytest.mark.parametrize(
    "path", ["/ui/__init__.py", "/ui/../api/main.py", "/ui/%2e%2e/pyproject.toml", "/ui/nothing.js"]
)
def test_nothing_but_the_page_files_is_served(client, path):
    assert client.get(path).status_code == 404


def test_the_api_paths_still_answer_beside_the_page(client):
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/cascades").json()["items"][0]["id"] == CASCADE
    assert client.get("/indicators", params={"q": "koperasi sehat"}).status_code == 200
    assert client.get("/docs").status_code == 200
    assert "/cascades/{cascade_id}/locate" in client.get("/openapi.json").json()["paths"]


def _chains_from_the_file() -> dict[str, tuple[str | None, list[str]]]:
    """Every element and indicator id -> (its box, the elements above the box, top first)."""
    data = yaml.safe_load(MAKASSAR.read_text(encoding="utf-8"))
    parent = {e["id"]: e.get("parent") for e in data["elements"]}

    def above(element: str) -> list[str]:
        chain = []
        while parent[element]:
            element = parent[element]
            chain.insert(0, f"{CASCADE}:{element}")
        return chain

    chains = {f"{CASCADE}:{e}": (f"{CASCADE}:{e}", above(e)) for e in parent}
    chains.update(
        {f"{CASCADE}:{i['id']}": (f"{CASCADE}:{i['measures']}", above(i["measures"])) for i in data["indicators"]}
    )
    return chains


def test_locate_gives_each_node_its_box_and_the_boxes_above_it(client):
    expected = _chains_from_the_file()
    asked = [*sorted(expected), "makassar-diskopukm:no-such-node"]

    answer = client.get(f"/cascades/{CASCADE}/locate", params={"id": asked}).json()

    assert [item["id"] for item in answer["items"]] == asked
    got = {item["id"]: (item["box"], item["ancestors"]) for item in answer["items"]}
    assert got.pop("makassar-diskopukm:no-such-node") == (None, [])
    assert got == {k: (box, chain) for k, (box, chain) in expected.items()}


def test_locate_is_bounded_and_names_unknown_cascades(client):
    too_many = [f"{CASCADE}:x{n}" for n in range(MAX_PAGE + 1)]
    assert client.get(f"/cascades/{CASCADE}/locate", params={"id": too_many}).status_code == 422
    assert client.get(f"/cascades/{CASCADE}/locate").status_code == 422
    missing = client.get("/cascades/nowhere/locate", params={"id": "nowhere:x"})
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_elements_under_several_boxes_come_in_reading_order(client):
    data = yaml.safe_load(MAKASSAR.read_text(encoding="utf-8"))
    parents = [f"{CASCADE}:sasaran-2", f"{CASCADE}:program-5", f"{CASCADE}:subkegiatan-5.1.1"]
    expected = [  # the file's order is the reading order within a level
        f"{CASCADE}:{e['id']}" for e in data["elements"] if f"{CASCADE}:{e.get('parent')}" in parents
    ]

    answer = client.get(f"/cascades/{CASCADE}/elements", params={"parent": parents}).json()

    assert [box["id"] for box in answer["items"]] == expected
    assert {box["parent"] for box in answer["items"]} == {f"{CASCADE}:sasaran-2", f"{CASCADE}:program-5"}
    program_3 = next(box for box in answer["items"] if box["local_id"] == "program-3")
    assert [i["local_id"] for i in program_3["indicators"]] == ["ik-program-3"] and program_3["children"] == 1


def test_elements_under_several_boxes_page_with_a_cursor_tied_to_its_question(client):
    parents = [f"{CASCADE}:kegiatan-5.1", f"{CASCADE}:kegiatan-3.1"]
    first = client.get(f"/cascades/{CASCADE}/elements", params={"parent": parents, "limit": 4}).json()
    rest = client.get(
        f"/cascades/{CASCADE}/elements", params={"parent": parents, "limit": 4, "cursor": first["next_cursor"]}
    ).json()
    other = client.get(f"/cascades/{CASCADE}/elements", params={"parent": parents[:1], "cursor": first["next_cursor"]})

    assert len(first["items"]) == 4 and len(rest["items"]) == 3 and rest["next_cursor"] is None
    assert len({b["id"] for b in first["items"] + rest["items"]}) == 7
    assert other.status_code == 400 and other.json()["error"] == "bad_cursor"
    assert client.get("/cascades/nowhere/elements", params={"parent": "x"}).status_code == 404
