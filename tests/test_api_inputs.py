"""What the API reads from a request body is bounded and checked like a file: an upload beyond
LINEAGE_MAX_UPLOAD_BYTES is answered 413 `too_large` without being read to its end, and a number
that is none (NaN, Infinity, 1e999) in a realisation is a clean 422, never a 500."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.api_client import client_with_token
from tests.support.graph_state import fingerprint
from tests.support.limits import input_limits
from tests.support.makassar import KOPERASI_SEHAT
from tests.support.paths import EXAMPLES

TOKEN = "token-uji"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(makassar, database, monkeypatch):
    with client_with_token(makassar, database, monkeypatch, TOKEN) as client:
        yield client


def test_an_upload_beyond_the_limit_is_answered_413_too_large(makassar, database, monkeypatch):
    before = fingerprint(makassar, database)
    with (
        input_limits(LINEAGE_MAX_UPLOAD_BYTES="64KiB"),
        client_with_token(makassar, database, monkeypatch, TOKEN) as client,
    ):
        answer = client.post("/cascades", files={"file": ("besar.yaml", b"# " + b"x" * 100_000)}, headers=AUTH)
    assert answer.status_code == 413
    body = answer.json()
    assert body["error"] == "too_large"
    assert "64.0 KiB" in body["detail"] and "LINEAGE_MAX_UPLOAD_BYTES" in body["detail"]
    assert fingerprint(makassar, database) == before


def test_a_chunked_upload_is_stopped_once_it_goes_beyond_the_limit(makassar, database, monkeypatch):
    """No Content-Length to refuse up front: the body is counted as the server receives it, and
    receiving stops at the limit, not at the end of what the client would send. (Called as the
    server calls the app: the test client reads a whole body before the app sees any of it.)"""
    chunk, chunks = b"x" * 65_536, 2_500  # 160 MiB if received to the end
    received = 0
    answer: list[dict] = []

    head = b'--b\r\nContent-Disposition: form-data; name="file"; filename="besar.yaml"\r\n\r\n'

    async def receive() -> dict:
        nonlocal received
        received += 1
        return {"type": "http.request", "body": head if received == 1 else chunk, "more_body": received < chunks}

    async def send(message: dict) -> None:
        answer.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/cascades",
        "raw_path": b"/cascades",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"authorization", f"Bearer {TOKEN}".encode()),
            (b"content-type", b"multipart/form-data; boundary=b"),
            (b"transfer-encoding", b"chunked"),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    # In a thread of its own: a browser test's session (Playwright) may hold this thread's event loop.
    with (
        input_limits(LINEAGE_MAX_UPLOAD_BYTES="1MiB"),
        client_with_token(makassar, database, monkeypatch, TOKEN) as client,
        ThreadPoolExecutor(1) as thread,
    ):
        thread.submit(lambda: asyncio.run(client.app(scope, receive, send))).result()
    start = next(m for m in answer if m["type"] == "http.response.start")
    body = json.loads(b"".join(m.get("body", b"") for m in answer if m["type"] == "http.response.body"))
    assert start["status"] == 413 and body["error"] == "too_large"
    assert received * len(chunk) <= 2**20 + 256 * 1024 + len(chunk)  # the upload and the form around it


#: Realisation bodies whose numbers are none, as JSON parsers let them through (Python's json reads
#: NaN and Infinity, and 1e999 as infinity).
NO_NUMBERS = [
    '{"value": NaN}',
    '{"value": Infinity}',
    '{"value": -Infinity}',
    '{"value": 1e999}',
    '{"value": 10, "numerator": NaN, "denominator": 2}',
    '{"quarters": {"1": NaN}}',
    '{"quarters": {"2": {"value": 1e999}}}',
]


def test_a_realisation_that_is_no_number_is_a_422_naming_the_field(client, makassar, database):
    before = fingerprint(makassar, database)
    failures = {}
    for body in NO_NUMBERS:
        answer = client.put(
            f"/indicators/{KOPERASI_SEHAT}/realisations/2025",
            content=body,
            headers={**AUTH, "Content-Type": "application/json"},
        )
        problem = answer.json()
        if not (
            answer.status_code == 422
            and problem["error"] == "invalid_request"
            and problem["errors"][0]["loc"][0] == "body"
            and "NaN" not in answer.text  # never echoed: not JSON
            and "Infinity" not in answer.text
        ):
            failures[body] = answer.text
    assert failures == {}
    assert fingerprint(makassar, database) == before


def test_a_control_character_in_an_uploads_options_or_a_realisation_note_is_refused(client, makassar, database):
    before = fingerprint(makassar, database)
    csv = (EXAMPLES / "matrix-koperasi-2025.csv").read_bytes()
    upload = client.post(
        "/cascades",
        files={"file": ("matriks.csv", csv)},
        data={"agency": "Dinas \x1b[2JKoperasi", "region": "Kota Makassar", "period": "2025-2026"},
        headers=AUTH,
    )
    assert upload.status_code == 422 and "U+001B" in " ".join(upload.json()["report"]["problems"])
    note = client.put(
        f"/indicators/{KOPERASI_SEHAT}/realisations/2025",
        json={"value": 40, "note": "ok\x1b]0;pwned\x07"},
        headers=AUTH,
    )
    assert note.status_code == 422 and note.json()["errors"][0]["loc"] == ["body", "note"]
    assert fingerprint(makassar, database) == before


def test_a_query_parameter_the_path_does_not_read_is_a_422_and_nothing_is_written(client, makassar, database):
    before = fingerprint(makassar, database)

    answer = client.put(
        f"/indicators/{KOPERASI_SEHAT}/realisations/2025", params={"version": "awal"}, json={"value": 1}, headers=AUTH
    )

    assert answer.status_code == 422 and answer.json()["error"] == "invalid_request"
    assert answer.json()["errors"][0]["loc"] == ["query", "version"] and "reads no parameter" in answer.text
    assert fingerprint(makassar, database) == before
    assert client.get("/cascades", params={"format": "csv"}).status_code == 422
    assert client.get("/health", params={"verbose": "1"}).status_code == 422


def test_a_second_value_of_a_parameter_read_once_is_a_422_and_a_list_parameter_takes_several(client):
    url = f"/indicators/{KOPERASI_SEHAT}/contributors"

    twice = client.get(url, params=[("tier", "staff"), ("tier", "walikota")])

    assert twice.status_code == 422 and "more than once" in twice.json()["detail"]
    assert client.get(url, params={"tier": "staff"}).status_code == 200
    several = client.get("/audit", params=[("severity", "error"), ("severity", "warning")])
    assert several.status_code == 200, several.text
    assert client.get("/audit", params=[("severity", "error"), ("lang", "id"), ("lang", "en")]).status_code == 422
