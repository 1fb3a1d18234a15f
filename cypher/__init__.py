"""The Cypher statements of Lineage, one concern per `.cypher` file (see README.md here), and the
two functions that read them.

Why files: the queries are the contract with the database; reviewers read and test them as
Cypher, not as Python strings. Every value reaches them as a `$parameter`; nothing from input is
ever pasted into their text. Installed, this folder is the package `lineage.cypher`.

A part that several statements share is written once, in a file of its own, and named where it
is used by a line reading `INCLUDE <name>` alone: `cypher()` writes that file's text (comments
left out) in its place, at the line's indentation. The bare word is not Cypher, so a statement
read without this function fails at once instead of running without its part.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

_INCLUDE = re.compile(r"^(?P<indent>\s*)INCLUDE\s+(?P<name>\w+)\s*$")


class IncludeCycle(ValueError):
    """A `.cypher` file includes itself, directly or through others."""


@cache
def cypher(name: str) -> str:
    """The text of `<name>.cypher`, comments and all (Cypher accepts `//` comments), with each
    `INCLUDE <part>` line replaced by the part's text."""
    return with_includes(resources.files(__name__), name)


def with_includes(folder: Traversable, name: str) -> str:
    """The text of `<name>.cypher` in `folder`, its INCLUDE lines resolved against the same folder
    (parts may include parts; a file that comes back to itself is an IncludeCycle)."""
    return _with_parts(folder, name, ())


def _with_parts(folder: Traversable, name: str, including: tuple[str, ...]) -> str:
    if name in including:
        raise IncludeCycle(" -> ".join((*including, name)))
    text = (folder / f"{name}.cypher").read_text(encoding="utf-8").strip()
    lines = []
    for line in text.splitlines():
        include = _INCLUDE.match(line)
        if include is None:
            lines.append(line)
            continue
        part = _with_parts(folder, include["name"], (*including, name)).splitlines()
        lines.extend(include["indent"] + kept for kept in part if not kept.lstrip().startswith("//"))
    return "\n".join(lines)


@cache
def cypher_statements(name: str) -> tuple[str, ...]:
    """A file of several statements, each ended by `;` at the end of a line (schema files)."""
    body = "\n".join(line for line in cypher(name).splitlines() if not line.lstrip().startswith("//"))
    parts = (part.strip().rstrip(";").strip() for part in body.split(";\n"))
    return tuple(part for part in parts if part)
