"""Text as Lineage reads it: folded for search, and checked for characters no name may carry.

Folding: "persentase koperasi sehat", "PERSENTASE Koperasi  Sehat" and "Persentase Koperasi Séhat"
all fold to the same key: case, accents and runs of white space do not matter.

Refusing characters: a name goes into the graph, the API's answers, terminals and spreadsheets.
A control character in it is never meant: ESC starts the escape sequences a terminal obeys (a
name could clear the screen or rewrite what an auditor sees), NUL ends strings in C tools, and
bidirectional overrides make a name display differently from what is stored. Removing them would
change a planner's text without telling; every reader of Lineage refuses them instead, naming
the file, the line (or row and column) and the character (docs/limits.md).
"""

from __future__ import annotations

import re
import unicodedata

#: C0 controls but tab, line feed and carriage return; DEL and the C1 controls; the bidirectional
#: embeddings, overrides and isolates; halves of surrogate pairs (not characters: a JSON escape
#: "\ud83d" alone, which cannot be stored as UTF-8).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x1B: "ESC, which starts terminal escape sequences",
    0x7F: "DEL",
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def forbidden_character(text: str) -> str | None:
    """Why `text` is refused (its first forbidden character, named), or None when it is not."""
    if text.isprintable():  # the common case, checked in C: no control or format character at all
        return None
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    return f"holds the character {describe_character(found.group())}, which Lineage refuses in text"


def describe_character(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (half of a surrogate pair, not a character)"
    name = _NAMES.get(code) or unicodedata.name(char, "control character")
    return f"U+{code:04X} ({name})"


def refuse_forbidden(value: str) -> str:
    """A pydantic validator: `value`, or a ValueError naming its first forbidden character."""
    why = forbidden_character(value)
    if why:
        raise ValueError(why)
    return value
