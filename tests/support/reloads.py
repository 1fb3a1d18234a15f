"""Reloading a cascade in the middle of a question, from another session, as a second client would.

`lineage.pins.between_statements` calls an action after each statement a question runs; these
actions reload or delete a cascade once (a question asked again must not trigger them again), with
the real loader, on the same Neo4j, through other connections than the question's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from neo4j import Driver

from lineage.cascade import Cascade
from lineage.loader import delete_cascade, load_cascade

#: What a revised version appends to every indicator's name: an answer holding names with and
#: without it mixed two versions.
REVISED = " (revisi)"


def revised(cascade: Cascade) -> Cascade:
    """The same cascade with every indicator renamed: each answer tells which version it read."""
    return cascade.model_copy(
        update={"indicators": [i.model_copy(update={"name": i.name + REVISED}) for i in cascade.indicators]}
    )


def versions_read(names: list[str]) -> set[str]:
    """{"old"}, {"new"}, or both when an answer mixed them."""
    return {"new" if name.endswith(REVISED) else "old" for name in names}


@dataclass
class Once:
    """An action run the first time a statement of one of `after` names has been read."""

    action: Callable[[], object]
    after: tuple[str, ...]
    done: list[str] = field(default_factory=list)

    def __call__(self, statement: str) -> None:
        if not self.done and statement in self.after:
            self.done.append(statement)
            self.action()


def reload_once(driver: Driver, cascade: Cascade, database: str | None, *after: str) -> Once:
    return Once(lambda: load_cascade(driver, cascade, database=database), after)


def delete_once(driver: Driver, cascade_id: str, database: str | None, *after: str) -> Once:
    return Once(lambda: delete_cascade(driver, cascade_id, database=database), after)
