"""The Cypher statements of Lineage, one concern per `.cypher` file; see README.md here."""
