"""The errors the questions answer with, in one place for the API's table and the CLI.

Why its own module: every question (search, lineage, cascades, versions, the audit) can fail the
same few ways, and the API maps each class to one status and code (`lineage.api.errors`). Keeping
them apart from any one question keeps the questions from importing each other for their errors.
"""

from __future__ import annotations

from lineage.answers import IndicatorSummary


class NotFound(LookupError):
    """No indicator, cascade or version matches what was asked for."""


class Ambiguous(LookupError):
    """Several indicators match a name; the caller must choose one."""

    def __init__(self, ref: str, candidates: list[IndicatorSummary], more: bool = False) -> None:
        self.ref = ref
        self.candidates = candidates
        count = f"more than {len(candidates)}" if more else str(len(candidates))
        names = "".join(f"\n  {c.id}  {c.name}" for c in candidates)
        super().__init__(f"{ref!r} matches {count} indicators; give one of these ids (or a longer name):{names}")


class BadCursor(ValueError):
    """A cursor this server did not hand out, or handed out for another question."""


class CursorExpired(LookupError):
    """A cursor whose load (version of a cascade) can no longer be read: it was replaced and its
    grace period is over, or deleted. The question must start again without the cursor."""


class ReloadRace(RuntimeError):
    """The cascades a question read were switched to new loads on every attempt to answer it, so no
    answer could be read whole from one load of each; asking again shortly will succeed."""
