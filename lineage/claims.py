"""The claim on a cascade: one writer at a time changes a cascade's loads.

Why a claim: a load writes its version in many transactions, and the lifecycle of replaced loads
(retired, doomed, deleted: `lineage.lifecycle`) is kept in properties of the `Cascade` node that
only the claimant changes. A load, `lineage delete` and the API's janitor each take the claim
before they change anything, and give it back when done.
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver

from lineage.cypher import cypher

#: A claim older than this is taken to belong to a load that died without releasing it.
STALE_CLAIM = "PT1H"


class LoadInProgress(RuntimeError):
    """Another load of the same cascade is under way."""


@dataclass(frozen=True)
class Claim:
    """A claim held on `cascade` under `token`, with what the cascade answered with when taken."""

    cascade: str
    token: str
    #: The load that answers for the cascade (None: a new cascade)
    active_load: str | None
    #: The version label of that load (None: unlabelled)
    active_version: str | None


def claim(driver: Driver, cascade_id: str, token: str, database: str | None) -> Claim:
    """Take the claim on `cascade_id` for `token`, or raise `LoadInProgress`."""
    record = driver.execute_query(
        cypher("claim_cascade"), cascade=cascade_id, load=token, stale_after=STALE_CLAIM, database_=database
    ).records[0]
    if record["loading"] != token:
        raise LoadInProgress(
            f"cascade {cascade_id!r} is being loaded by another process since {record['loading_since']}; "
            "wait for it to finish"
        )
    return Claim(cascade_id, token, record["active_load"], record["active_version"])


def release(driver: Driver, held: Claim, database: str | None) -> None:
    """Give the claim back (a cascade that never had a load goes with it)."""
    driver.execute_query(cypher("release_claim"), cascade=held.cascade, load=held.token, database_=database)
