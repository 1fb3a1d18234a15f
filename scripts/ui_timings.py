"""Time to first paint and to highlight, for the page on a generated cascade, in headless Chromium.

    LINEAGE_BOLT_PORT=7692 .venv/bin/python scripts/ui_timings.py --indicators 5000 --seed 1 --runs 5

Loads `tests.support.synthetic.generate_cascade(N, seed)` as cascade `ui-timing-N` (replacing an earlier
one of that id) into the Neo4j the settings name (the local server is started if needed), serves
the API on --port, and drives Debian's Chromium (see tests/e2e/harness.py). Every figure is read
from the browser's own clock (performance marks the page sets, see web/app.js):

  first paint      navigation start -> the browser's first contentful paint (the page shell)
  diagram painted  navigation start -> the cascade's first rows of boxes painted (the useful one)
  highlight        click on a search result -> contributors and paths to the top painted

Each figure is measured --runs times on a fresh page; the first run pays for cold caches.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators the tests use

from lineage.api.main import create_app
from lineage.cascade.model import ElementKind
from lineage.connection import open_driver, resolve_target
from lineage.loader import load_cascade
from lineage.settings import get_settings
from tests.e2e.harness import CHROMIUM, chromium, serving, wait_until
from tests.support.synthetic import generate_cascade

READY = "document.body.dataset.state === 'ready'"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=8102, help="HTTP port for the API (default 8102)")
    parser.add_argument("--instance", default=None, help="local Neo4j instance (when NEO4J_URI is not set)")
    args = parser.parse_args()

    settings = get_settings()
    target = resolve_target(settings, args.instance)
    if target.local:
        target.local.start(progress=lambda message: print(message, file=sys.stderr))
    driver = open_driver(target)
    cascade_id = f"ui-timing-{args.indicators}"
    cascade = generate_cascade(args.indicators, seed=args.seed, cascade_id=cascade_id)
    started = time.perf_counter()
    load_cascade(driver, cascade, database=target.database)
    print(
        f"cascade {cascade_id}: {len(cascade.indicators)} indicators, {len(cascade.elements)} boxes "
        f"(seed {args.seed}), loaded in {time.perf_counter() - started:.1f} s"
    )

    # One indicator per level, from the middle of the cascade: contributor counts differ a lot.
    samples = []
    for kind in ElementKind:
        of_kind = [i for i in cascade.indicators if i.measures.startswith(f"{kind.value}-")]
        if of_kind:  # the generated cascades have no agency goal
            samples.append((kind, of_kind[len(of_kind) // 2]))

    with (
        serving(create_app(driver, target.database), args.port) as url,
        sync_playwright() as playwright,
        chromium(playwright, viewport={"width": 1600, "height": 1000}) as browser,
    ):
        version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"{version}, headless; API on {url}; {args.runs} runs each\n")
        paint = [first_paint(browser.new_page(), f"{url}/?cascade={cascade_id}&lang=id") for _ in range(args.runs)]
        report("first contentful paint (page shell)", [p["fcp"] for p in paint], "ms")
        report(
            "diagram painted (first rows of boxes)",
            [p["diagram"] for p in paint],
            "ms",
            f"{paint[0]['boxes']} boxes on screen of {len(cascade.elements)}",
        )
        print()
        for kind, indicator in samples:
            runs = [
                highlight(browser.new_page(), f"{url}/?cascade={cascade_id}&lang=id", indicator.name)
                for _ in range(args.runs)
            ]
            report(
                f"highlight a {kind.value} indicator",
                [r["ms"] for r in runs],
                "ms",
                f"{runs[0]['contributors']} contributors, {runs[0]['lit']} indicators lit, {runs[0]['boxes']} boxes on screen",
            )
    driver.close()
    return 0


def first_paint(page: Page, url: str) -> dict:
    page.goto(url)
    wait_until(page, f"() => {READY}", timeout_ms=120_000)
    figures = page.evaluate("""() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        diagram: performance.getEntriesByName('lineage:diagram-painted')[0].startTime,
        boxes: document.querySelectorAll('.canvas .box').length,
    })""")
    page.close()
    return figures


def highlight(page: Page, url: str, name: str) -> dict:
    page.goto(url)
    wait_until(page, f"() => {READY}", timeout_ms=120_000)
    page.fill("#search", name)
    result = page.locator("#results li.result", has=page.locator(".result-name", has_text=name)).first
    result.wait_for()
    chosen = result.get_attribute("data-id")
    result.click()
    wait_until(page, f"() => document.body.dataset.selection === {chosen!r} && {READY}", timeout_ms=120_000)
    figures = page.evaluate("""() => {
        const [start] = performance.getEntriesByName('lineage:highlight-requested');
        const [end] = performance.getEntriesByName('lineage:highlight-painted');
        return {
            ms: end.startTime - start.startTime,
            contributors: document.querySelectorAll('.ik[data-role=contributor]').length,
            lit: document.querySelectorAll('.ik[data-role]').length,
            boxes: document.querySelectorAll('.canvas .box').length,
        };
    }""")
    page.close()
    return figures


def report(what: str, values: list[float], unit: str, note: str = "") -> None:
    shown = ", ".join(f"{v:.0f}" for v in values)
    print(
        f"{what:<40} median {statistics.median(values):7.0f} {unit}   (runs: {shown})" + (f"  [{note}]" if note else "")
    )


if __name__ == "__main__":
    sys.exit(main())
