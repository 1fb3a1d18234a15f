"""Read a cascade file (YAML or JSON) into a validated `Cascade`, or fail naming file, line, field.

Why not `yaml.safe_load`: it forgets where each value was written, so an error could only say
"elements.3.parent". Composing the YAML node tree keeps every value's line. It also lets us
read scalars as text and leave conversion to the model, so codes such as `2.10` keep their zero
and an id `no` is not turned into `False` (YAML 1.1's "Norway problem"). Duplicate keys, which
PyYAML would silently resolve to the last one, are reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from lineage.cascade.errors import CascadeFileError, Loc, Problem, field_path
from lineage.cascade.links import CascadeLinks, cycle_problems, reference_problems
from lineage.cascade.model import Cascade

_NULLS = {"", "~", "null", "Null", "NULL"}


def read_cascade(path: str | Path, *, refuse_cycles: bool = True) -> Cascade:
    """Read and validate; `refuse_cycles=False` is for the audit, which reports cycles as findings."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CascadeFileError([Problem(str(path), None, "", "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise CascadeFileError(
            [Problem(str(path), None, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
        ) from None
    return parse_cascade(text, str(path), refuse_cycles=refuse_cycles)


def parse_cascade(text: str, source: str, *, refuse_cycles: bool = True) -> Cascade:
    """Parse and validate; `source` is the name used in error messages."""
    data, lines = _compose(text, source)
    return validate_cascade(data, lines, source, refuse_cycles=refuse_cycles)


def validate_cascade(data: Any, lines: dict[Loc, int], source: str, *, refuse_cycles: bool = True) -> Cascade:
    """Validate parsed data; `lines` maps each field path to the line it was written on."""

    def problem(loc: Loc, message: str) -> Problem:
        return Problem(source, _line_of(loc, lines), field_path(loc), message)

    if not isinstance(data, dict):
        raise CascadeFileError([problem((), "a cascade file is a mapping with agency, region, period, ...")])
    try:
        cascade = Cascade.model_validate(data)
    except ValidationError as exc:
        raise CascadeFileError([problem(tuple(err["loc"]), _message(err)) for err in exc.errors()]) from None
    problems = reference_problems(cascade)
    if not problems and refuse_cycles:
        problems = cycle_problems(cascade, CascadeLinks.of(cascade))
    if problems:
        raise CascadeFileError(
            [problem(p.loc, p.message + (f" (line {_line_of(p.see, lines)})" if p.see else "")) for p in problems]
        )
    return cascade


def _message(err: dict) -> str:
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "extra_forbidden":
        return "unknown field (check its spelling against docs/cascade-format.md)"
    message = err["msg"].removeprefix("Value error, ")
    if err["type"] in ("enum", "literal_error", "string_pattern_mismatch", "int_parsing") and "input" in err:
        message += f" (got {err['input']!r})"
    return message


def _line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    """The line of the deepest part of `loc` that was written (a missing field: its parent)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _compose(text: str, source: str) -> tuple[Any, dict[Loc, int]]:
    if source.lower().endswith(".json"):
        try:  # JSON's own parser is the judge of JSON syntax; YAML only adds the line numbers.
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise CascadeFileError(
                [Problem(source, exc.lineno, "", f"invalid JSON: {exc.msg} (column {exc.colno})")]
            ) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise CascadeFileError([Problem(source, line, "", f"invalid YAML: {exc.problem or exc.context}")]) from None
    except yaml.YAMLError as exc:
        raise CascadeFileError([Problem(source, None, "", f"invalid YAML: {exc}")]) from None
    if node is None:
        raise CascadeFileError([Problem(source, None, "", "the file is empty")])
    lines: dict[Loc, int] = {}
    problems: list[Problem] = []
    data = _to_python(node, (), lines, problems, source)
    if problems:
        raise CascadeFileError(problems)
    return data, lines


def _to_python(node: yaml.Node, loc: Loc, lines: dict[Loc, int], problems: list[Problem], source: str) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                problems.append(
                    Problem(
                        source,
                        key_node.start_mark.line + 1,
                        field_path((*loc, key)),
                        f"written twice (first at line {lines[(*loc, key)]})",
                    )
                )
                continue
            lines[(*loc, key)] = key_node.start_mark.line + 1
            out[key] = _to_python(value_node, (*loc, key), lines, problems, source)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*loc, i), lines, problems, source) for i, item in enumerate(node.value)]
    if node.style is None and node.value in _NULLS:  # plain `~`, `null` or nothing
        return None
    return node.value
