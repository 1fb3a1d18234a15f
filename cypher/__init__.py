"""The Cypher statements of Lineage, one concern per `.cypher` file (see README.md here), and the
two functions that read them.

Why files: the queries are the contract with the database; reviewers read and test them as
Cypher, not as Python strings. Every value reaches them as a `$parameter`; nothing from input is
ever pasted into their text. Installed, this folder is the package `lineage.cypher`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def cypher(name: str) -> str:
    """The text of `<name>.cypher`, comments and all (Cypher accepts `//` comments)."""
    return (resources.files(__name__) / f"{name}.cypher").read_text(encoding="utf-8").strip()


@cache
def cypher_statements(name: str) -> tuple[str, ...]:
    """A file of several statements, each ended by `;` at the end of a line (schema files)."""
    body = "\n".join(line for line in cypher(name).splitlines() if not line.lstrip().startswith("//"))
    parts = (part.strip().rstrip(";").strip() for part in body.split(";\n"))
    return tuple(part for part in parts if part)
