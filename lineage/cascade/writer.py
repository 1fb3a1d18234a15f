"""A `Cascade` written as the documented cascade file (YAML), the way a person would write it.

Why: an import of a spreadsheet, a table export or SIPD lists can be kept, reviewed, diffed and
edited as a file (`lineage convert`), and loading that file gives the graph the import gives.
Reading the text back (`parse_cascade`) gives an equal `Cascade`: every value is written, numbers
as numbers, a value without counts as the bare number (`2025: 44`), the defaults left out.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from lineage.cascade.model import Cascade

#: Keys written first in each mapping, in this order; the rest follow in the model's order.
_FIRST = ("format", "id", "kind", "name")


def dump_cascade(cascade: Cascade, comment: str | None = None, *, as_json: bool = False) -> str:
    """The cascade as YAML text, `comment` (say, where it was converted from) heading it; or as
    JSON, which holds no comments (the cascade's `source` says where it came from)."""
    data = cascade.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = _compact(_ordered({"format": cascade.format, **data, "period": str(cascade.period)}))
    if as_json:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)
    head = "".join(f"# {line}\n".replace("# \n", "#\n") for line in comment.splitlines()) if comment else ""
    return head + text


def _ordered(value: Any) -> Any:
    if isinstance(value, dict):
        first = {k: value[k] for k in _FIRST if k in value}
        return {**first, **{k: _ordered(v) for k, v in value.items() if k not in first}}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def _compact(value: Any) -> Any:
    """A measure with no counts as its bare value (`2025: 44` rather than `2025: {value: 44.0}`),
    years as numbers, whole numbers without a decimal point."""
    if isinstance(value, dict):
        if set(value) == {"value"}:
            return _compact(value["value"])
        return {int(k) if isinstance(k, str) and k.isdigit() else k: _compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the documented examples write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)
