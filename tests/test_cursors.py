"""One cursor for every paged answer: opaque, signed, bound to its question and to the loads it
pages through; anything else is a 400 `bad_cursor`, a cursor whose loads are gone a 409."""

from __future__ import annotations

import base64
import json
import os
import stat

import pytest

from lineage import paging
from lineage.errors import BadCursor
from lineage.loader import delete_cascade
from lineage.settings import get_settings
from tests.support.makassar import CASCADE, KOPERASI_SEHAT

QUESTION = paging.question_key("contributors", id="a:b", depth=10)


def test_a_cursor_opens_for_its_own_question_only():
    cursor = paging.make_cursor(QUESTION, {"k": [1, "x", "a:b"]})
    assert paging.open_cursor(QUESTION, cursor) == {"k": [1, "x", "a:b"]}
    with pytest.raises(BadCursor, match="another question"):
        paging.open_cursor(paging.question_key("contributors", id="a:c", depth=10), cursor)


def _unsigned(payload: object) -> str:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


#: JSON nested deeper than Python's parser can follow: refused before anyone tries.
NESTED = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "not-a-cursor",
        "é.é",
        "a.b.c",
        _unsigned({"k": [0, "", ""]}),  # the old unsigned kind
        _unsigned({"k": [0, "", ""]}) + ".AAAAAAAAAAAAAAAAAAAAAA",  # a forged signature
        _unsigned(NESTED) + ".AAAA",  # deeply nested JSON, never parsed
        "x" * 100_000,  # huge
    ],
)
def test_anything_else_is_a_bad_cursor_refused_before_it_is_parsed(garbage):
    with pytest.raises(BadCursor):
        paging.open_cursor(QUESTION, garbage)


def test_an_altered_cursor_is_refused():
    cursor = paging.make_cursor(QUESTION, {"k": [1, "x", "a:b"]})
    _, signature = cursor.split(".")
    forged = _unsigned({"k": [99, "x", "a:b"]})
    with pytest.raises(BadCursor):
        paging.open_cursor(QUESTION, f"{forged}.{signature}")


def test_the_secret_is_made_once_and_kept_private_under_the_home(tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_HOME", str(tmp_path))
    monkeypatch.delenv("LINEAGE_CURSOR_SECRET", raising=False)
    get_settings.cache_clear()
    try:
        cursor = paging.make_cursor(QUESTION, {"k": 1})
        secret = tmp_path / "cursor-secret"
        assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600 and len(secret.read_bytes()) == 64
        paging._secrets.clear()  # another worker sharing the home reads the same secret
        assert paging.open_cursor(QUESTION, cursor) == {"k": 1}
        monkeypatch.setenv("LINEAGE_CURSOR_SECRET", "set-by-the-operator")
        get_settings.cache_clear()
        with pytest.raises(BadCursor):  # another secret: cursors of the old one are refused
            paging.open_cursor(QUESTION, cursor)
    finally:
        get_settings.cache_clear()


def test_page_size_is_one_rule():
    assert [paging.page_size(n) for n in (-5, 0, 1, 77, paging.MAX_PAGE, 10_000)] == [1, 1, 1, 77, 500, 500]


def _pages(client, path: str, key: str = "items", **params) -> list[dict]:
    items, cursor = [], None
    while True:
        body = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})}).json()
        items += body[key]
        if not (cursor := body["next_cursor"]):
            return items


def test_every_paged_route_refuses_foreign_and_forged_cursors_with_400(client):
    routes = {
        "/indicators": {"limit": 2},
        f"/indicators/{CASCADE}:ik-tujuan-1/contributors": {"limit": 2},
        "/cascades": {"limit": 1},
        f"/cascades/{CASCADE}/elements": {"limit": 2},
        "/audit": {"limit": 1},
    }
    cursors = {path: client.get(path, params=params).json()["next_cursor"] for path, params in routes.items()}
    cursors["/cascades"] = cursors["/cascades"] or paging.make_cursor(QUESTION, {"id": ""})  # one cascade: no page 2
    for path, params in routes.items():
        for other, cursor in cursors.items():
            if other != path:
                answer = client.get(path, params={**params, "cursor": cursor})
                assert answer.status_code == 400 and answer.json()["error"] == "bad_cursor", (path, other)
        nested = _unsigned(NESTED[:700] + NESTED[-700:])  # as deep as the 2,000 characters allowed hold
        for bad in ("garbage", nested, nested + ".QUFBQUFBQUFBQUFBQUFBQQ"):
            answer = client.get(path, params={**params, "cursor": bad})
            assert answer.status_code == 400 and answer.json()["error"] == "bad_cursor", (path, bad[:20])
    other_indicator = client.get(f"/indicators/{KOPERASI_SEHAT}/contributors", params={"limit": 2})
    foreign = cursors[f"/indicators/{CASCADE}:ik-tujuan-1/contributors"]
    assert (
        client.get(f"/indicators/{KOPERASI_SEHAT}/contributors", params={"limit": 2, "cursor": foreign}).status_code
        == 400
    )
    assert other_indicator.status_code == 200


def test_paging_with_any_page_size_covers_each_item_once(client):
    for limit in (1, 3, 7):
        every = _pages(client, f"/indicators/{CASCADE}:ik-tujuan-1/contributors", limit=limit)
        assert len(every) == len({n["id"] for n in every}) == 16
        boxes = _pages(client, f"/cascades/{CASCADE}/elements", limit=limit)
        assert (
            len(boxes) == len({b["id"] for b in boxes}) == client.get(f"/cascades/{CASCADE}/elements").json()["total"]
        )


def test_a_cursor_whose_version_is_gone_is_a_409(client, graph, database):
    cursor = client.get(f"/indicators/{CASCADE}:ik-tujuan-1/contributors", params={"limit": 2}).json()["next_cursor"]
    delete_cascade(graph, CASCADE, database=database)
    answer = client.get(f"/indicators/{CASCADE}:ik-tujuan-1/contributors", params={"limit": 2, "cursor": cursor})
    assert answer.status_code == 409 and answer.json()["error"] == "cursor_expired"
