"""The HTTP API of Lineage (FastAPI); `lineage.api.main:create_app` builds it.

In the repository this folder is `api/`; installed, it is the package `lineage.api`.
"""
