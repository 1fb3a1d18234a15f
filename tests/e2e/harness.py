"""Running the page for a browser: the API in a background thread, and Debian's Chromium as
Playwright drives it here. Shared by the end-to-end tests and `scripts/ui_timings.py`.

No browser is downloaded: Playwright drives /usr/bin/chromium (LINEAGE_CHROMIUM overrides it),
with the flags this closed network needs (no background connections) and a fresh profile.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from playwright.sync_api import BrowserContext, Page, Playwright

CHROMIUM = os.environ.get("LINEAGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class HarnessError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(app: FastAPI, port: int | None = None) -> Iterator[str]:
    """`app` served by uvicorn in a background thread; yields its base URL."""
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise HarnessError(f"the API server did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def wait_until(page: Page, predicate: str, arg: object = None, timeout_ms: float = 60_000) -> None:
    """Until the JavaScript function `predicate` (called with `arg`) is true in `page`.

    Why not Playwright's `wait_for_function`: it evaluates its predicate as a string inside the
    page, which the API's Content-Security-Policy (no 'unsafe-eval') rightly refuses; `evaluate`
    calls a function through the browser's debugging protocol, which the policy does not govern,
    so the page is tested under the policy it is served with."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise HarnessError(f"still false after {timeout_ms / 1000:g} s: {predicate}")
        page.wait_for_timeout(20)


def require_chromium() -> None:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        raise HarnessError(f"no Chromium at {CHROMIUM}; `bash scripts/setup` installs Debian's chromium")


@contextmanager
def chromium(playwright: Playwright, **options) -> Iterator[BrowserContext]:
    """Debian's headless Chromium with a fresh profile, removed afterwards."""
    require_chromium()
    profile = tempfile.mkdtemp(prefix="lineage-chromium-")
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS, **options
    )
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
