"""The page in a real headless Chromium (Debian's), against the real API and a real Neo4j.

Without Chromium these tests fail, never skip: `bash scripts/setup` installs it (see harness.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from lineage.api.main import create_app
from lineage.cascade import read_cascade
from lineage.loader import load_cascade
from tests.e2e.harness import HarnessError, chromium, require_chromium, serving, wait_until
from tests.support.paths import MAKASSAR, REPO_ROOT

ARTIFACTS = REPO_ROOT / "artifacts" / "e2e"


@pytest.fixture(scope="package")
def base_url(driver, test_neo4j) -> Iterator[str]:
    """The API (and its page) served on a free port while the page's tests run. Not for the whole
    session: the API runs a janitor that deletes expired loads, and the tests after these would
    find it sweeping their database."""
    try:
        with serving(create_app(driver, test_neo4j.target.database)) as url:
            yield url
    except HarnessError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[BrowserContext]:
    try:
        require_chromium()
    except HarnessError as exc:
        pytest.fail(str(exc), pytrace=False)
    with sync_playwright() as playwright, chromium(playwright, viewport={"width": 1600, "height": 1000}) as context:
        yield context


class PageUnderTest:
    """A page of Lineage, with what a person would do on it and what the tests read back."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught: {exc}"))
        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and "Failed to load resource" not in msg.text
                and self.problems.append(f"console: {msg.text}")
            ),
        )
        page.on("response", self._check_response)

    def _check_response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def open(self, cascade: str, lang: str = "id") -> None:
        self.page.goto(f"{self.base_url}/?cascade={cascade}&lang={lang}")
        self.wait()

    def wait(self) -> None:
        """Until the page has painted the answer to the last thing done."""
        wait_until(self.page, "() => document.body.dataset.state === 'ready'")

    def click(self, selector: str) -> None:
        self.page.click(selector)
        self.page.wait_for_timeout(50)
        self.wait()

    def search_and_select(self, text: str) -> str:
        """Type `text` into the search box and choose the result named exactly `text`."""
        self.page.fill("#search", text)
        result = self.page.locator("#results li.result", has=self.page.locator(".result-name", has_text=text)).first
        result.wait_for()
        chosen = result.get_attribute("data-id")
        result.click()
        wait_until(self.page, "id => document.body.dataset.selection === id", chosen)
        self.wait()
        return chosen

    def boxes(self) -> list[dict]:
        """Every box on screen: ids, kind, place, texts, and the roles of the box and its IKs."""
        return self.page.evaluate("""() => [...document.querySelectorAll('.canvas .box')].map(box => ({
            id: box.dataset.id, kind: box.dataset.kind, role: box.dataset.role || null,
            top: box.offsetTop, left: box.offsetLeft, height: box.offsetHeight,
            name: box.querySelector('.name').textContent,
            owner: box.querySelector('.owner-name')?.textContent ?? null,
            iks: Object.fromEntries([...box.querySelectorAll('.ik')].map(ik => [ik.dataset.id, ik.dataset.role || null])),
            badges: [...box.querySelectorAll('.badge')].map(b => b.dataset.rule),
            inside: box.querySelector('.inside').textContent,
        }))""")

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def lineage_page(browser: BrowserContext, base_url: str) -> Iterator[PageUnderTest]:
    page = browser.new_page()
    under_test = PageUnderTest(page, base_url)
    yield under_test
    page.close()
    assert not under_test.problems, "the page reported problems:\n" + "\n".join(under_test.problems)


@pytest.fixture
def makassar(graph, database):
    """The Makassar cascade, alone in the database."""
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    return "makassar-diskopukm"
