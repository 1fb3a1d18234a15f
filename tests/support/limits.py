"""Input limits (docs/limits.md) set for a part of a test, and put back after it."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from lineage.settings import get_settings


@contextmanager
def input_limits(values: Mapping[str, object] | None = None, **more: object) -> Iterator[None]:
    """`with input_limits(LINEAGE_MAX_DEPTH=10):` the CLI, the API and the readers see that limit."""
    wanted = {**(values or {}), **more}
    saved = {name: os.environ.get(name) for name in wanted}
    os.environ.update({name: str(value) for name, value in wanted.items()})
    get_settings.cache_clear()
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()
