"""The hot questions asked once before the API serves its first request.

Why: on a Neo4j just started, the first ask of each question statement is planned, its code
compiled and its pages read from disk; twenty clients asking at that moment each waited that
whole time (10.4 s median for 20 first asks at once on the bench cascade, 0.15 s for the next 20).
Asked once at start-up, of an indicator that does not exist, each statement is planned with the
parameter types the questions use, and the first clients find it ready.
"""

from __future__ import annotations

import logging
import time

from neo4j import Driver

from lineage.errors import NotFound
from lineage.indicators import get_indicator
from lineage.rollups import contributes_to, contributors

log = logging.getLogger(__name__)

#: An id no cascade gives (a cascade id cannot hold a space): each question runs its statement
#: and finds nothing.
NO_INDICATOR = "lineage warm-up:none"


def warm_up(driver: Driver, database: str | None = None) -> float:
    """Ask contributors, contributes-to and one indicator once; the seconds it took. Any failure
    (a database not reachable yet, the driver closed as the API stops) is only logged: warming
    up is worth a few seconds of start-up, never the API itself, and /health tells the rest."""
    started = time.monotonic()
    for question in (contributors, contributes_to, get_indicator):
        try:
            question(driver, NO_INDICATOR, database=database)
        except NotFound:
            pass
        except Exception as exc:
            log.warning("warming up the questions failed (the first requests will be slower): %s", exc)
            break
    seconds = time.monotonic() - started
    log.info("questions warmed up in %.2f s", seconds)
    return seconds
