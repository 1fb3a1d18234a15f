"""Folding text for search: what a user types should find what the diagram wrote.

"persentase koperasi sehat", "PERSENTASE Koperasi  Sehat" and "Persentase Koperasi Séhat" all
fold to the same key: case, accents and runs of white space do not matter.
"""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip().casefold()
