"""The HTTP API of Lineage (FastAPI); `api.main:create_app` builds it."""
