"""How long work tells its caller how far it got: one protocol for the whole product.

Why one: loads, imports, the bulk import, the audit and the local server each report progress;
with a protocol of their own each (once four, with two signatures) a caller could not hand the
same printer to all of them. A step says what it does; a counted step adds how many of how many
are done. The CLI prints it (`lineage.cli.load.ProgressPrinter`); library code that is given no
progress logs it (`logged`).
"""

from __future__ import annotations

import logging
from typing import Protocol


class Progress(Protocol):
    def __call__(self, what: str, done: int | None = None, total: int | None = None, /) -> None:
        """`what` is being done; for a counted step, `done` of `total` so far."""


def logged(logger: logging.Logger) -> Progress:
    """Progress written to `logger` at INFO: what library code reports when no caller listens."""

    def log(what: str, done: int | None = None, total: int | None = None, /) -> None:
        if done is None or total is None:
            logger.info("%s", what)
        else:
            logger.info("%s: %d of %d", what, done, total)

    return log
