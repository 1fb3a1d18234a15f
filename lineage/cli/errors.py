"""How a failure becomes one line on standard error and an exit status scripts can rely on.

The statuses are listed in `lineage.cli`'s docstring and docs/cli.md. `KNOWN` maps the library's
exceptions to them, like api/errors.py maps them to HTTP answers. It names exception classes by
module, and an exception is looked up only in modules already imported: a module that was never
imported cannot have raised, so the table costs nothing at start-up (`lineage --help` imports no
driver, no pydantic).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

DONE = 0
#: the input was refused: an invalid file, an unknown indicator, a load already under way
REFUSED = 1
#: bad usage: an unknown command or option, a missing argument, a value out of range
USAGE = 2
#: Neo4j could not be reached or started (or a tool it needs, like Graphviz, is missing)
UNAVAILABLE = 3
#: a bug in Lineage, never the input's fault (BSD sysexits EX_SOFTWARE)
INTERNAL_ERROR = 70
#: interrupted with Ctrl-C (128 + SIGINT, as shells report it)
INTERRUPTED = 130
#: the reader of the output went away, as in `lineage search x | head -1` (128 + SIGPIPE, as for
#: any tool stopped by a closed pipe)
BROKEN_PIPE = 141


class OutputClosed(Exception):
    """Standard output's reader went away. Not an OSError on purpose: Click turns a broken pipe
    into exit status 1, which scripts would take for a refusal."""


class Failure(Exception):
    """A refusal to report to the user in one sentence, with an exit status."""

    def __init__(self, message: str, status: int = REFUSED) -> None:
        super().__init__(message)
        self.status = status


def _unreachable(exc: BaseException) -> str:
    uri = os.environ.get("NEO4J_URI")
    fix = (
        f"Check that the server at NEO4J_URI ({uri}) runs" if uri else "Start the local server with `lineage db start`"
    )
    return f"Neo4j cannot be reached ({exc}).\n{fix}, or point NEO4J_URI at another server."


def _bad_credentials(exc: BaseException) -> str:
    return "Neo4j refused the credentials; check NEO4J_USER and NEO4J_PASSWORD."


@dataclass(frozen=True)
class Known:
    """An exception class of the library (by module and name), its exit status and its message."""

    module: str
    name: str
    status: int
    message: Callable[[BaseException], str] = str


def _ask_again(exc: BaseException) -> str:
    return f"{exc}; ask again"


KNOWN = [
    Known("lineage.claims", "LoadInProgress", REFUSED),
    Known("lineage.lifecycle", "LoadGone", REFUSED, _ask_again),
    Known("lineage.loader", "WouldShrink", REFUSED),
    Known("lineage.audit.database", "UnknownCascade", REFUSED),
    Known("lineage.importers", "ImportRefused", REFUSED),
    Known("lineage.render.diagram", "TooBig", REFUSED),
    Known("lineage.render.graphviz", "RenderFailed", REFUSED),
    Known("lineage.render.graphviz", "GraphvizMissing", UNAVAILABLE),
    Known("lineage.cascade.model", "BadPeriod", REFUSED),
    Known("lineage.cascade.errors", "CascadeFileError", REFUSED),
    Known("lineage.errors", "NotFound", REFUSED),
    Known("lineage.errors", "Ambiguous", REFUSED),
    Known("lineage.errors", "BadCursor", REFUSED),
    Known("lineage.errors", "CursorExpired", REFUSED),
    Known("lineage.errors", "ReloadRace", UNAVAILABLE),
    Known("lineage.localdb.server", "LocalNeo4jError", UNAVAILABLE),
    Known("lineage.settings", "BadSetting", USAGE),
    Known("neo4j.exceptions", "ServiceUnavailable", UNAVAILABLE, _unreachable),
    Known("neo4j.exceptions", "SessionExpired", UNAVAILABLE, _unreachable),
    Known("neo4j.exceptions", "AuthError", UNAVAILABLE, _bad_credentials),
]

#: Hints the library words for API clients, and what a person at the shell types instead.
SHELL_WORDS = {
    "GET /cascades": "`lineage cascades`",
    "GET /indicators?q=": "`lineage search`",
    "GET /indicators": "`lineage search`",
}


def for_the_shell(message: str) -> str:
    """The message with hints that name API routes turned into the commands that do the same."""
    for route, command in SHELL_WORDS.items():
        message = message.replace(route, command)
    return message


def classify(exc: BaseException) -> tuple[int, str] | None:
    """The exit status and message of a known failure; None for anything else (a bug)."""
    if isinstance(exc, Failure):
        return exc.status, for_the_shell(str(exc))
    for known in KNOWN:
        module = sys.modules.get(known.module)
        cls = getattr(module, known.name, None) if module else None
        if isinstance(cls, type) and isinstance(exc, cls):
            return known.status, for_the_shell(known.message(exc))
    return None
