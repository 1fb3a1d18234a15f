"""A real Neo4j Community server run from Neo4j's own jars on Maven Central.

Why this exists: the machines Lineage is developed and tested on have Java and Maven but no
Docker engine. Maven Central publishes `org.neo4j:neo4j`, which holds the server entry point
`org.neo4j.server.CommunityEntryPoint`; resolving it with Maven and starting it with `java` gives
the same server the official tarball and image run, with Bolt on 127.0.0.1.
"""

from lineage.localdb.server import LocalNeo4j, LocalNeo4jError, ServerStatus

__all__ = ["LocalNeo4j", "LocalNeo4jError", "ServerStatus"]
