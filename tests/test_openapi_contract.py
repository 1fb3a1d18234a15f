"""The OpenAPI document tells the truth about errors: every operation lists each error status it
can answer, each with the problem schema and an example that schema accepts. And the document
is readable without the internet: /docs is served from installed files, under a strict policy."""

from __future__ import annotations

import jsonschema
import pytest

from lineage.api.main import create_app

PROBLEM_JSON = "application/problem+json"
#: The operations whose answer is made without the database: they alone cannot answer 503.
ANSWERED_WITHOUT_NEO4J = {"GET /audit/rules", "GET /vocabulary"}


@pytest.fixture(scope="module")
def document() -> dict:
    """The document alone: building it needs no database."""
    return create_app().openapi()


def operations(document: dict):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def _param_names(operation: dict, where: str) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == where}


def test_every_operation_lists_the_statuses_its_parameters_dependencies_and_token_imply(document):
    for name, operation in operations(document):
        statuses = {int(s) for s in operation["responses"] if s.isdigit()}
        assert 500 in statuses, name
        if operation.get("parameters") or operation.get("requestBody"):
            assert 422 in statuses, name
        if _param_names(operation, "path"):
            assert 404 in statuses, name
        if "cursor" in _param_names(operation, "query"):
            assert 400 in statuses, name
        if operation.get("security"):
            assert {401, 403} <= statuses, name
        if operation.get("requestBody"):
            assert {400, 413} <= statuses, name
        assert (503 in statuses) == (name not in ANSWERED_WITHOUT_NEO4J), name


def test_the_upload_documents_its_conflicts_and_its_size_limit(document):
    responses = document["paths"]["/cascades"]["post"]["responses"]
    assert {"401", "403", "409", "413", "422", "503"} <= set(responses)


def test_every_error_status_has_the_problem_schema_and_an_example_it_accepts(document):
    problem = {"$ref": "#/components/schemas/Problem", "components": document["components"]}
    seen = 0
    for name, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            content = response["content"]
            assert list(content) == [PROBLEM_JSON], (name, status)
            assert content[PROBLEM_JSON]["schema"] == {"$ref": "#/components/schemas/Problem"}
            example = content[PROBLEM_JSON]["example"]
            jsonschema.validate(example, problem)
            assert example["status"] == int(status) and response["description"], (name, status)
            seen += 1
    assert set(document["components"]["schemas"]["Problem"]["required"]) >= {"title", "status", "error", "detail"}
    assert seen > 60


def test_fastapis_own_validation_shape_is_no_longer_documented(document):
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_the_documentation_page_loads_nothing_from_elsewhere(client_without_neo4j):
    client = client_without_neo4j
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "http://" not in page.text and "https://" not in page.text and "<script>" not in page.text
    for asset, media in [
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-init.js", "text/javascript"),
        ("swagger-ui.css", "text/css"),
    ]:
        assert f'"/docs/assets/{asset}"' in page.text
        answer = client.get(f"/docs/assets/{asset}")
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
    assert client.get("/docs/assets/README.md").status_code == 422
    assert client.get("/redoc").status_code == 404


@pytest.mark.parametrize("path", ["/", "/ui/app.js", "/docs", "/openapi.json", "/health", "/no/such/path"])
def test_every_answer_carries_the_security_headers(client_without_neo4j, path):
    headers = client_without_neo4j.get(path).headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
