"""The two languages of Lineage's reports and interface: Indonesian first, English too.

Why a module of its own: the audit's messages, the reports' headings, the exports' column titles
and the page are all written in both languages, and every edge chooses one the same way: the CLI
by `--lang`, the API by `lang=` or the request's `Accept-Language`, the page by its switch. Names
from the cascade (goals, programs, indicators, positions) are never translated.
"""

from __future__ import annotations

from enum import StrEnum


class Lang(StrEnum):
    id = "id"
    en = "en"


#: What planners, auditors and evaluators read: SAKIP documents are Indonesian.
DEFAULT = Lang.id


def from_accept_language(header: str | None) -> Lang | None:
    """The language of ours a browser or client prefers most (RFC 9110 `Accept-Language`, with
    q-values: "en-US,en;q=0.9,id;q=0.8" is English), or None when it names neither."""
    best: tuple[float, int, Lang] | None = None
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        lang = {"id": Lang.id, "in": Lang.id, "en": Lang.en}.get(primary)  # "in": Indonesian's old code
        if lang is None or quality <= 0:
            continue
        if best is None or (quality, -position) > (best[0], -best[1]):
            best = (quality, position, lang)
    return best[2] if best else None
