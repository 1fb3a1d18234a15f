"""The API documentation page in a real Chromium, as served: Swagger UI from the API's own files,
under the API's Content-Security-Policy, with nothing fetched from anywhere else."""

from __future__ import annotations

from urllib.parse import urlparse


def test_the_documentation_renders_every_operation_under_the_policy_without_the_internet(lineage_page, base_url):
    page = lineage_page.page
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))

    response = page.goto(f"{base_url}/docs")
    assert response is not None and "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .opblock", timeout=60_000)

    shown = page.eval_on_selector_all(".opblock-summary-path", "nodes => nodes.map(n => n.dataset.path)")
    document = page.evaluate("() => fetch('/openapi.json').then(r => r.json())")
    assert set(shown) == set(document["paths"])
    assert hosts == {urlparse(base_url).netloc}
    # lineage_page fails the test on any console error: a blocked script, style or image says so
