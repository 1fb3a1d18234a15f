"""Which Neo4j to talk to, and one driver for it.

Order of precedence (the same for the CLI, the API and the tests):
1. NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE): any server or cluster, Aura included;
2. otherwise Lineage's own local server instance (`lineage db start`), with its stored password.
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver, GraphDatabase

from lineage.localdb import LocalNeo4j
from lineage.settings import Settings


@dataclass(frozen=True)
class Target:
    uri: str
    user: str
    password: str | None
    database: str | None
    #: the local instance behind `uri`, when it is Lineage's own server
    local: LocalNeo4j | None = None

    def describe(self) -> str:
        where = f"local instance '{self.local.instance}'" if self.local else "NEO4J_URI"
        return f"{self.uri} ({where}{', database ' + self.database if self.database else ''})"


def resolve_target(settings: Settings, instance: str | None = None) -> Target:
    if settings.neo4j_uri:
        return Target(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database)
    local = LocalNeo4j(settings, instance)
    user, password = local.auth()
    return Target(local.uri, user, password, settings.neo4j_database, local)


def open_driver(target: Target) -> Driver:
    """One driver per process: it pools connections and is safe to share between threads."""
    auth = (target.user, target.password) if target.password is not None else None
    return GraphDatabase.driver(
        target.uri,
        auth=auth,
        connection_acquisition_timeout=15.0,
        max_transaction_retry_time=5.0,  # then a request answers 503 instead of hanging
        # The server warns about property keys no node has yet (an optional `unit`, say);
        # those are expected here and would only flood the log.
        notifications_min_severity="OFF",
    )
