"""An API client for tests whose server was started with a write token."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from lineage.api.main import create_app
from lineage.settings import get_settings


@contextmanager
def client_with_token(
    driver, database: str | None, monkeypatch: pytest.MonkeyPatch, token: str
) -> Iterator[TestClient]:
    """The app on `driver`, its settings reading LINEAGE_WRITE_TOKEN=`token`."""
    monkeypatch.setenv("LINEAGE_WRITE_TOKEN", token)
    get_settings.cache_clear()
    try:
        with TestClient(create_app(driver, database)) as client:
            yield client
    finally:
        get_settings.cache_clear()
