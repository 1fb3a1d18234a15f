"""Lineage: how performance indicators roll up through a SAKIP performance cascade.

The path of data: a cascade file (`lineage.cascade`) -> validated model -> Neo4j
(`lineage.loader`, Cypher in `cypher/`) -> questions (`lineage.indicators`, `rollups`, `search`,
`cascades`, each reading pinned loads through `lineage.pins`) -> API (`api/`) and CLI (`lineage.cli`).
"""
