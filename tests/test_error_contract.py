"""One error contract: every error, from a route or from the framework itself, is an RFC 9457
problem with the members `error` (a short code) and `detail` (a sentence), never echoes a large
input, always renders, and reveals nothing of the server's insides."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from lineage.api.errors import ERRORS, FRAMEWORK_CODES
from lineage.api.main import create_app
from tests.support.api_client import client_with_token
from tests.support.makassar import KOPERASI_SEHAT
from tests.support.paths import REPO_ROOT

PROBLEM_MEMBERS = {"type", "title", "status", "error", "detail"}


def assert_problem(response, status: int, error: str) -> dict:
    """`response` is the problem the contract promises, and answers `status` with code `error`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_MEMBERS, body
    assert body["status"] == status and body["error"] == error and body["type"] == "about:blank"
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.mark.parametrize(
    "method, path, params, status, error",
    [
        ("GET", "/no/such/path", {}, 404, "not_found"),
        ("DELETE", "/indicators", {}, 405, "method_not_allowed"),
        ("GET", "/indicators", {"limit": 0}, 422, "invalid_request"),
        ("GET", f"/indicators/{KOPERASI_SEHAT}/contributors", {"depth": 21}, 422, "invalid_request"),
        ("GET", "/indicators", {"cursor": "bm90LWEtY3Vyc29y"}, 400, "bad_cursor"),
        ("GET", "/indicators/makassar-diskopukm:ik-nope", {}, 404, "not_found"),
        ("GET", "/indicators", {"q": "koperasi", "period": "2030-2020"}, 422, "bad_period"),
        ("PUT", f"/indicators/{KOPERASI_SEHAT}/realisations/2024", {}, 403, "writes_disabled"),
        ("GET", "/ui/nothing.js", {}, 404, "not_found"),
    ],
)
def test_every_error_is_a_problem_with_a_code_and_a_sentence(client, method, path, params, status, error):
    body = assert_problem(client.request(method, path, params=params), status, error)
    assert body["instance"] == path


def test_a_wrong_method_says_which_methods_are_allowed(client):
    response = client.delete("/indicators")
    assert_problem(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"


def test_an_invalid_parameter_is_named_with_its_place_and_reason(client):
    body = assert_problem(client.get("/indicators", params={"limit": 501}), 422, "invalid_request")
    assert body["errors"] == [
        {"loc": ["query", "limit"], "msg": "Input should be less than or equal to 500", "type": "less_than_equal"}
        | {"input": "501"}
    ]
    assert "query.limit" in body["detail"]


def test_a_long_query_parameter_is_not_echoed_back(client):
    huge = "k" * 60_000  # near the longest URL an HTTP client sends
    response = client.get("/indicators", params={"q": huge})
    body = assert_problem(response, 422, "invalid_request")
    assert len(response.content) < 2_000 and "k" * 150 not in response.text
    assert body["errors"][0]["loc"] == ["query", "q"] and "input" not in body["errors"][0]
    assert "60000 long, is not repeated" in body["errors"][0]["msg"]


def test_a_100_kb_body_field_is_not_echoed_back(makassar, database, monkeypatch):
    with client_with_token(makassar, database, monkeypatch, "secret") as client:
        response = client.put(
            f"/indicators/{KOPERASI_SEHAT}/realisations/2024",
            json={"value": 1, "note": "k" * 100_000},
            headers={"Authorization": "Bearer secret"},
        )
    body = assert_problem(response, 422, "invalid_request")
    assert len(response.content) < 2_000 and "k" * 150 not in response.text
    assert body["errors"][0]["loc"] == ["body", "note"] and "input" not in body["errors"][0]


def test_a_long_id_is_not_echoed_back(client):
    response = client.get(f"/indicators/{'k' * 60_000}")
    assert response.status_code in (404, 422)
    assert len(response.content) < 2_000 and "instance" not in response.json()


@pytest.mark.parametrize("raw", ['{"value": NaN}', '{"value": Infinity}', '{"value": -Infinity}', '{"value": 1e999}'])
def test_a_realisation_that_is_not_a_finite_number_is_a_422_that_renders(makassar, database, monkeypatch, raw):
    with client_with_token(makassar, database, monkeypatch, "secret") as client:
        response = client.put(
            f"/indicators/{KOPERASI_SEHAT}/realisations/2024",
            content=raw,
            headers={"Authorization": "Bearer secret", "Content-Type": "application/json"},
        )
    body = assert_problem(response, 422, "invalid_request")
    assert body["errors"][0]["loc"] == ["body", "value"] and "input" not in body["errors"][0]


def test_a_body_nested_beyond_reason_is_refused_not_crashed_on(graph, database, monkeypatch):
    with client_with_token(graph, database, monkeypatch, "secret") as client:
        response = client.put(
            f"/indicators/{KOPERASI_SEHAT}/realisations/2024",
            content="[" * 100_000 + "]" * 100_000,
            headers={"Authorization": "Bearer secret", "Content-Type": "application/json"},
        )
    assert_problem(response, 400, "bad_request")


@pytest.mark.parametrize(
    "path", ["/ui/%00.js", "/ui/a%00b.css", "/ui/%0a.js", "/ui/" + "a" * 5000 + ".js", "/ui/%ff.js"]
)
def test_a_page_file_name_no_file_can_have_is_a_404(client, path):
    assert_problem(client.get(path), 404, "not_found")


def test_a_401_names_the_scheme_to_use(graph, database, monkeypatch):
    with client_with_token(graph, database, monkeypatch, "secret") as client:
        response = client.put(f"/indicators/{KOPERASI_SEHAT}/realisations/2024", json={"value": 1})
    assert_problem(response, 401, "unauthenticated")
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("path", ["/indicators?q=koperasi", f"/indicators/{KOPERASI_SEHAT}/contributors", "/health"])
def test_neo4j_down_is_a_503_that_names_no_address(client_without_neo4j, path):
    response = client_without_neo4j.get(path)
    body = assert_problem(response, 503, "neo4j_unavailable")
    for address in ("localhost", "bolt", "neo4j://"):
        assert address not in response.text, body
    assert not re.search(r"\d+\.\d+\.\d+\.\d+", response.text), body


def test_an_unexpected_failure_is_a_problem_too(graph, database):
    app = create_app(graph, database)

    @app.get("/boom")
    def boom():
        raise RuntimeError("something nobody planned for at bolt://10.0.0.1:7687")

    with TestClient(app, raise_server_exceptions=False) as client:
        body = assert_problem(client.get("/boom"), 500, "internal")
    assert "RuntimeError" in body["detail"] and "10.0.0.1" not in body["detail"]


def test_an_upload_over_the_limit_is_a_413_before_it_is_read(graph, database, monkeypatch):
    with client_with_token(graph, database, monkeypatch, "secret") as client:
        response = client.post(
            "/cascades",
            files={"file": ("big.yaml", b"#" * (51 * 1024 * 1024))},
            headers={"Authorization": "Bearer secret"},
        )
    assert_problem(response, 413, "too_large")


def test_any_other_body_over_a_megabyte_is_a_413(graph, database, monkeypatch):
    with client_with_token(graph, database, monkeypatch, "secret") as client:
        response = client.put(
            f"/indicators/{KOPERASI_SEHAT}/realisations/2024",
            content=b'{"value": 1, "note": "' + b"k" * (2 * 1024 * 1024) + b'"}',
            headers={"Authorization": "Bearer secret", "Content-Type": "application/json"},
        )
    assert_problem(response, 413, "too_large")


def test_every_code_the_api_answers_is_listed_in_the_documentation():
    documented = (REPO_ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    codes = {answer.error for answer in ERRORS.values()} | set(FRAMEWORK_CODES.values())
    codes |= {"invalid_request", "internal", "import_incomplete", "bad_token", "writes_disabled"}
    assert {code for code in codes if f"`{code}`" not in documented} == set()
