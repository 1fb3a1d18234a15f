"""Data Lineage ships: the Makassar cascade (`makassar/`) that `lineage serve` loads into an empty
database. Installed, this folder is the package `lineage.data`; `examples/` stays in the repository.
"""
