"""The ids users, files and the API know nodes by, in one place.

Why its own module: a node's global id is the cascade id, a colon, and the id written in the
cascade file. The loader writes it, the questions read it, the audit builds it for its findings;
none of them should have to import another (the audit once imported the loader, and with it the
Neo4j driver, only to build ids).
"""

from __future__ import annotations

from lineage.cascade.model import Cascade


def uid(cascade: Cascade | str, local_id: str) -> str:
    """A node's id across cascades: the cascade id, a colon, the id written in the file."""
    cascade_id = cascade if isinstance(cascade, str) else cascade.id
    return f"{cascade_id}:{local_id}"


def cascade_of(global_id: str) -> str:
    """The cascade a global id belongs to (ids in a file hold no colon, so the first one splits)."""
    return global_id.split(":", 1)[0]
