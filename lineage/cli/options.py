"""Options several commands share, spelt once, and parameter types that load their vocabulary late.

Why late: every command module is imported to list the commands in `lineage --help`, so what a
decorator evaluates must be cheap. The tiers, the element kinds and the depth limit live beside
the pydantic models and the queries (heavy imports); `LazyChoice` and `LazyIntRange` ask for
them only when a value is read, completed or a command's own help is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class LazyChoice(click.Choice[str]):
    """`click.Choice` whose choices are computed on first use, case-insensitively."""

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        self._load = load
        self._loaded: tuple[str, ...] | None = None
        super().__init__((), case_sensitive=False)

    @property
    def choices(self) -> tuple[str, ...]:
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        """click.Choice's constructor assigns the (empty) choices given to it; the loader wins."""


class LazyIntRange(click.IntRange):
    """`click.IntRange` whose upper bound is read on first use (from the module that enforces it)."""

    def __init__(self, low: int, high: Callable[[], int]) -> None:
        self._high = high
        self._loaded: int | None = None
        super().__init__(min=low)

    @property
    def max(self) -> int:
        if self._loaded is None:
            self._loaded = self._high()
        return self._loaded

    @max.setter
    def max(self, value: int | None) -> None:
        """click.IntRange's constructor assigns the (absent) bound given to it; the loader wins."""


def _tiers() -> list[str]:
    from lineage.cascade.model import Tier

    return [t.value for t in Tier]


def _kinds() -> list[str]:
    from lineage.cascade.model import ElementKind

    return [k.value for k in ElementKind]


def _max_depth() -> int:
    from lineage import queries

    return queries.MAX_DEPTH


def max_page() -> int:
    """The most items one page may hold (the API's bound too)."""
    from lineage import queries

    return queries.MAX_PAGE


TIER = LazyChoice(_tiers)
KIND = LazyChoice(_kinds)
DEPTH = LazyIntRange(1, _max_depth)
PAGE_SIZE = LazyIntRange(1, max_page)


def json_option(command: F) -> F:
    """`--json`: the answer as JSON for scripts (the same models the API answers with)."""
    return click.option("--json", "as_json", is_flag=True, help="print JSON for scripts instead of text")(command)


def instance_option(command: F) -> F:
    """`--instance`: which of Lineage's own local servers, when NEO4J_URI is not set."""
    return click.option(
        "--instance",
        metavar="NAME",
        default=None,
        help="local server instance: 'main' (default) or 'test' (when NEO4J_URI is not set)",
    )(command)


def depth_option(command: F) -> F:
    return click.option("--depth", type=DEPTH, default=10, show_default=True, help="roll-up steps to follow")(command)
