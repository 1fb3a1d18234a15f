"""Reading the values planners type: Indonesian numbers, official codes, polarity and type words.

Each reader returns the value or raises `ValueError` with a sentence for the import report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from lineage.cascade.model import ElementKind, IndicatorType, Polarity
from lineage.text import fold

_BLANK = {"", "-", "--", "—", "–", "n/a", "na", "tidak ada", "x"}
#: Segments of a Kepmendagri 050-5889 code per level: 2.17.04 / 2.17.04.2.01 / 2.17.04.2.01.0001
CODE_LEVELS = {3: ElementKind.program, 5: ElementKind.kegiatan, 6: ElementKind.sub_kegiatan}
_CODE = re.compile(r"^[0-9X]+(\.[0-9X]+)*$")


_LONGEST_BLANK = max(len(word) for word in _BLANK)


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    return not text or (len(text) <= _LONGEST_BLANK and fold(text) in _BLANK)


def number(value: object) -> float | None:
    """80 / "80" / "80%" / "72,5" / "1.250.000" / "Rp 1.250.000,00" -> float; blank or "-" -> None.

    Indonesian writing: "." groups thousands and "," is the decimal mark. A lone "." followed by
    three digits ("2.500") is read as thousands, the way Indonesian sheets write counts.
    """
    if is_blank(value):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = re.sub(r"^rp\.?\s*", "", str(value).strip().lower()).replace(" ", "").rstrip("%")
    if re.fullmatch(r"-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?", text):  # 0.125 groups no thousands
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d+(,\d+)?", text):
        text = text.replace(",", ".")
    elif not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(f"{value!r} is not a number")
    return float(text)


def amount(value: object) -> float | None:
    """A pagu: a number of Rupiah, never negative."""
    found = number(value)
    if found is not None and found < 0:
        raise ValueError(f"{value!r} is negative: a pagu is an amount of Rupiah")
    return found


def code(value: object) -> str | None:
    """An official code as text, "2.17.04.2.01" (a code typed as a number loses nothing: "2.1" stays)."""
    if is_blank(value):
        return None
    text = str(value).strip().rstrip(".").replace(" ", "").upper()
    if isinstance(value, float):
        raise ValueError(
            f"{value!r} was typed as a number, so Excel may have dropped a trailing zero; "
            "format the code column as text"
        )
    if not _CODE.fullmatch(text):
        raise ValueError(f"{value!r} is not a code (dot-separated digits, such as 2.17.04.2.01)")
    return text


def code_level(text: str) -> ElementKind:
    """The level a Renstra code names, from its number of segments."""
    kind = CODE_LEVELS.get(text.count(".") + 1)
    if kind is None:
        raise ValueError(
            f"code {text!r} has {text.count('.') + 1} parts; a program code has 3 (2.17.04), "
            "a kegiatan 5 (2.17.04.2.01), a sub kegiatan 6 (2.17.04.2.01.0001)"
        )
    return kind


def parent_code(text: str) -> str | None:
    """2.17.04.2.01.0001 -> 2.17.04.2.01 -> 2.17.04 -> None (a program's parent is not a code)."""
    parts = text.split(".")
    return {6: ".".join(parts[:5]), 5: ".".join(parts[:3])}.get(len(parts))


W = TypeVar("W", bound=StrEnum)
_POLARITY = {
    "higher": Polarity.higher,
    "positif": Polarity.higher,
    "positive": Polarity.higher,
    "maximize": Polarity.higher,
    "maksimal": Polarity.higher,
    "naik": Polarity.higher,
    "semakin tinggi semakin baik": Polarity.higher,
    "+": Polarity.higher,
    "lower": Polarity.lower,
    "negatif": Polarity.lower,
    "negative": Polarity.lower,
    "minimize": Polarity.lower,
    "minimal": Polarity.lower,
    "turun": Polarity.lower,
    "semakin rendah semakin baik": Polarity.lower,
    "-": Polarity.lower,
}
_TYPE = {
    "impact": IndicatorType.impact,
    "dampak": IndicatorType.impact,
    "outcome": IndicatorType.outcome,
    "hasil": IndicatorType.outcome,
    "output": IndicatorType.output,
    "keluaran": IndicatorType.output,
}


def polarity(value: object) -> Polarity | None:
    return _word(value, _POLARITY, "a polarity (positif/negatif, higher/lower)")


def indicator_type(value: object) -> IndicatorType | None:
    return _word(value, _TYPE, "an indicator type (impact/outcome/output, dampak/hasil/keluaran)")


def _word(value: object, words: Mapping[str, W], what: str) -> W | None:
    """One of a few words a column may hold, whatever its case and accents."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    key = fold(str(value)).strip()
    if key not in words:
        raise ValueError(f"{value!r} is not {what}")
    return words[key]


def text(value: object) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
