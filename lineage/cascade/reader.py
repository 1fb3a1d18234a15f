"""Read a cascade file (YAML or JSON) into a validated `Cascade`, or fail naming file, line, field.

How, and why:
- The C parsers parse. JSON goes through `json.loads`; YAML through libyaml's event stream
  (PyYAML's `CParser`), built here into plain dicts and lists: PyYAML's composer, resolver and
  constructor, written in Python, cost ten times the parse itself.
- Lines only when something is wrong. A valid file pays nothing for line numbers and keeps no
  map of them in memory; when validation fails, the text is read a second time, with the
  parser's positions, for the lines of the fields at fault only. Errors still name file, line
  and field.
- Scalars are read as text and converted by the model, so codes such as `2.10` keep their zero,
  an id `no` is not turned into `False` (YAML 1.1's "Norway problem"), and a JSON number keeps
  the digits it was written with.
- Duplicate keys, which both parsers silently resolve to the last one, are reported.
- Limits (`lineage.limits`, docs/limits.md): nesting depth, values, values repeated by YAML
  aliases (a 448-byte "billion laughs" file is refused in milliseconds, a self-referencing alias
  too), characters of one value. JSON's depth and string lengths are checked by the second
  reading only: json.loads has read the file by then (within LINEAGE_MAX_VALUES), and a file
  deeper or longer than the limits is no valid cascade. Control characters are refused
  (`lineage.text`); NaN and infinities are no numbers.
- Memory: the text is let go once parsed, and the long lists are validated a slice at a time,
  so that the parsed data and the models never exist whole together (`_validate`).
"""

from __future__ import annotations

import gc
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from lineage import limits, sources  # modules, not names: they import lineage.cascade in turn
from lineage.cascade.errors import CascadeFileError, Loc, Problem, field_path
from lineage.cascade.links import CascadeLinks, cycle_problems, reference_problems
from lineage.cascade.model import Cascade, Element, Indicator
from lineage.settings import get_settings
from lineage.text import FORBIDDEN, forbidden_character

try:  # libyaml, in every PyYAML wheel; the pure-Python parser gives the same events, slowly
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_NULLS = {"", "~", "null", "Null", "NULL"}
#: Problems listed in one refusal; a file wrong in a million places says how many more there are.
MAX_PROBLEMS = 200
#: Escapes of the characters `lineage.text` refuses: controls (\u001b, \b, \f), a half of a
#: surrogate pair, a bidi control. A match is only a suspicion (`\\u0000` is a backslash and text).
_JSON_ESCAPES = re.compile(
    r"\\(?:u00[01][0-9a-fA-F]|u00[89][0-9a-fA-F]|u007[fF]|[bf]|u[dD][89a-fA-F]|u20(?:2[a-eA-E]|6[6-9]))"
)
_NO_KEY = object()
_NOT_A_MAPPING = "a cascade file is a mapping with agency, region, period, ..."
_JSON_LIST = re.compile(r"\s*\[")
#: What a JSON file that json.loads could not read stands as, until `locate` says why.
_UNREAD = object()
#: Sources only `lineage import` reads (sheets, table exports, dumps, archives). Given to a command
#: that takes a cascade file (`load`, `export`), one is named for what it is and the command that
#: reads it, instead of being parsed as YAML into "not UTF-8 text" or "a mapping with agency".
IMPORT_ONLY_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".sql", ".zip")


def read_cascade(path: str | Path, *, refuse_cycles: bool = True) -> Cascade:
    """Read and validate; `refuse_cycles=False` is for the audit, which reports cycles as findings."""
    return _read_file(Path(path), refuse_cycles, digest=False)[0]


def read_cascade_file(path: str | Path, *, refuse_cycles: bool = True) -> tuple[Cascade, sources.Source]:
    """The cascade, and the file it came from with the SHA-256 of the bytes parsed (what a load
    records)."""
    return _read_file(Path(path), refuse_cycles, digest=True)


def _read_file(path: Path, refuse_cycles: bool, *, digest: bool) -> tuple[Cascade, sources.Source]:
    """The bytes are hashed only when asked (a load records them; a check or an audit does not)
    and let go once decoded, the text once parsed (a nation's file is hundreds of MB); the file
    is read again only when something is wrong, for the lines."""
    if (suffix := path.suffix.lower()) in IMPORT_ONLY_SUFFIXES:
        message = (
            f"a {suffix} file is not a cascade file (.yaml, .yml, .json): `lineage import` loads it, "
            "`lineage convert` writes it as a cascade file"
        )
        raise CascadeFileError([Problem(str(path), None, "", message)])
    if why := forbidden_character(str(path)):  # recorded as the version's `file` and shown as text
        raise CascadeFileError([Problem(str(path), None, "", f"the file's name {why}; rename the file")])
    first = sources.read_file(path)
    source = sources.Source.of(str(path), first) if digest else sources.Source(str(path))
    unread: list[bytes] = [first]
    del first

    def text() -> str:
        return decode(unread.pop() if unread else sources.read_file(path), str(path))

    return _read(text, str(path), refuse_cycles), source


def read_data(path: str | Path) -> Any:
    """The plain data (dicts, lists, text, None) of a YAML or JSON file other than a cascade (an
    import's header mapping, say), read like a cascade file: within the limits, aliases bounded,
    control characters refused, duplicate keys refused. Scalars are text."""
    path = Path(path)
    source = str(path)
    syntax: type[_Syntax] = _Json if source.lower().endswith(".json") else _Yaml
    text = decode(sources.read_file(path), source)
    data, suspect = syntax.parse(text, source)
    located = syntax.locate(text, source, set()) if suspect or data is _UNREAD else None
    if located is not None and (refusal := located.refusal()) is not None:
        raise refusal
    if data is _UNREAD:
        raise CascadeFileError([Problem(source, None, "", "invalid JSON: nested too deep, or NaN/Infinity")])
    return data


def decode(content: bytes, source: str) -> str:
    """UTF-8 text (a byte order mark, as Windows Notepad writes, is dropped), or the line of the
    first byte that is not."""
    try:
        return content.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        hint = "; it is UTF-16: save it as UTF-8" if content[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        line = content.count(b"\n", 0, exc.start) + 1
        raise CascadeFileError(
            [Problem(source, line, "", f"not UTF-8 text ({exc.reason} at byte {exc.start}){hint}")]
        ) from None


def parse_cascade(text: str, source: str, *, refuse_cycles: bool = True) -> Cascade:
    """Parse and validate; `source` is the name used in error messages (its suffix, .json or
    not, says which syntax to read)."""
    return _read(lambda: text, source, refuse_cycles)


def _read(text_of: Callable[[], str], source: str, refuse_cycles: bool) -> Cascade:
    syntax: type[_Syntax] = _Json if source.lower().endswith(".json") else _Yaml
    text = text_of().removeprefix("\ufeff")
    with _paused_gc():
        data, suspect = syntax.parse(text, source, mapping_root=True)
        if suspect:
            refusal = syntax.locate(text, source, set()).refusal()
            if refusal is not None:
                raise refusal
        if data is _UNREAD:
            raise CascadeFileError([Problem(source, None, "", "invalid JSON: nested too deep, or NaN/Infinity")])
        del text
        outcome = _validate(data, refuse_cycles)  # takes the data apart as it goes
        del data
    if isinstance(outcome, Cascade):
        return outcome
    failures, more = outcome
    wanted = {loc for f in failures for loc in (f.loc, f.see) if loc is not None}
    located = syntax.locate(text_of().removeprefix("\ufeff"), source, wanted)
    if located.beyond is not None:  # JSON's depth and lengths are only checked here: a valid cascade has neither
        raise located.beyond
    lines = located.lines
    problems = [
        Problem(
            source,
            _line_of(f.loc, lines),
            field_path(f.loc),
            f.message + (f" (line {_line_of(f.see, lines)})" if f.see is not None else ""),
        )
        for f in failures
    ]
    if more:
        problems.append(Problem(source, None, "", f"and {more:,} more problems"))
    raise CascadeFileError(problems)


@dataclass(frozen=True)
class _Failure:
    loc: Loc
    message: str
    see: Loc | None = None


def _validate(data: Any, refuse_cycles: bool) -> Cascade | tuple[list[_Failure], int]:
    """The cascade, or what is wrong with it (at most MAX_PROBLEMS, and how many more).

    The long lists (elements, indicators) are validated a slice at a time, each slice's dicts let
    go once its models are made: the parsed data and the models never both exist whole, which
    lowers the peak by the size of the data (about 2 GB for a million indicators). The models
    then go into `Cascade.model_validate` as they are (pydantic takes model instances without
    validating them again), so the cascade's own validators still run."""
    if not isinstance(data, dict):
        return [_Failure((), _NOT_A_MAPPING)], 0
    errors: list[ErrorDetails] = []
    for key, adapter in _SLICED.items():
        items = data.get(key)
        if isinstance(items, list):
            data[key] = _validate_slices(key, items, adapter, errors)
    try:
        cascade = Cascade.model_validate(data)
    except ValidationError as exc:
        errors += exc.errors(include_url=False, include_context=False)
    if errors:
        order = list(Cascade.model_fields)
        errors.sort(key=lambda err: order.index(err["loc"][0]) if err["loc"] and err["loc"][0] in order else len(order))
        failures = [_Failure(tuple(err["loc"]), _message(err)) for err in errors[:MAX_PROBLEMS]]
        return failures, max(0, len(errors) - MAX_PROBLEMS)
    problems = reference_problems(cascade)
    if not problems and refuse_cycles:
        problems = cycle_problems(cascade, CascadeLinks.of(cascade))
    if problems:
        failures = [_Failure(p.loc, p.message, p.see) for p in problems[:MAX_PROBLEMS]]
        return failures, max(0, len(problems) - MAX_PROBLEMS)
    return cascade


#: The lists of a cascade validated a slice at a time, and how many items a slice holds.
_SLICED: dict[str, TypeAdapter[list[Any]]] = {
    "elements": TypeAdapter(list[Element]),
    "indicators": TypeAdapter(list[Indicator]),
}
_SLICE = 2_000


def _validate_slices(
    key: str, items: list[Any], adapter: TypeAdapter[list[Any]], errors: list[ErrorDetails]
) -> list[Any]:
    """The models of `items` (none once one is invalid: `errors` says why, with its place)."""
    models: list[Any] = []
    for start in range(0, len(items), _SLICE):
        part = items[start : start + _SLICE]
        items[start : start + _SLICE] = [None] * len(part)  # the dicts go with `part`
        try:
            made = adapter.validate_python(part)
        except ValidationError as exc:
            for err in exc.errors(include_url=False, include_context=False):
                err["loc"] = (key, start + int(err["loc"][0]), *err["loc"][1:])
                errors.append(err)
            continue
        if not errors:
            models.extend(made)
    return models if not errors else []


def _message(err: ErrorDetails) -> str:
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "extra_forbidden":
        return "unknown field (check its spelling against docs/cascade-format.md)"
    message = err["msg"].removeprefix("Value error, ")
    if err["type"] in ("enum", "literal_error", "string_pattern_mismatch", "int_parsing") and "input" in err:
        shown = repr(err["input"])
        message += f" (got {shown if len(shown) <= 80 else shown[:70] + '...' + shown[-1]})"
    return message


def _line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    """The line of the deepest part of `loc` that was written (a missing field: its parent)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


@contextmanager
def _paused_gc() -> Iterator[None]:
    """Python's cycle collector off while a file becomes millions of objects: it would walk them
    all again and again (a third of the time of reading a big file), and they hold no cycles to
    collect. Counted, so that overlapping reads in the API's threads switch it back on once."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


@dataclass
class _Located:
    """What a second, slower reading with positions found: the lines of the wanted fields (and
    of their parents), and problems the fast reading only suspected (keys written twice,
    forbidden characters), each with its line and field."""

    wanted: set[Loc]
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: The first limit gone beyond, if any: reading stops there.
    beyond: limits.LimitExceeded | None = None

    def __post_init__(self) -> None:
        self.wanted = {loc[:end] for loc in self.wanted for end in range(len(loc) + 1)}

    def at(self, loc: Loc, line: int) -> None:
        if loc in self.wanted and loc not in self.lines:  # a key's line, not that of its value below
            self.lines[loc] = line

    def problem(self, source: str, line: int, loc: Loc, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(source, line, field_path(loc), message))

    def text(self, source: str, line: int, loc: Loc, value: str) -> None:
        """Check one string (a key or a value)."""
        why = forbidden_character(value)
        if why:
            self.problem(source, line, loc, why)
        if len(value) > limits.limit("LINEAGE_MAX_FIELD_CHARS"):
            self.limit(source, line, loc, f"a value of {len(value):,} characters", "LINEAGE_MAX_FIELD_CHARS")

    def limit(self, source: str, line: int, loc: Loc, what: str, setting: str) -> None:
        if self.beyond is None:
            self.beyond = limits.exceeded(source, what, setting, line=line, field=field_path(loc))

    def refusal(self) -> CascadeFileError | None:
        """What to refuse the file with: a limit first (reading stopped there), else the problems."""
        if self.beyond is not None:
            return self.beyond
        return CascadeFileError(self.problems) if self.problems else None


class _Syntax:
    @staticmethod
    def parse(text: str, source: str, mapping_root: bool = False) -> tuple[Any, bool]:
        """The data, and whether it may hide problems only `locate` can pin down. `mapping_root`:
        anything but a mapping at the top is refused at once (a cascade file)."""
        raise NotImplementedError

    @staticmethod
    def locate(text: str, source: str, wanted: set[Loc]) -> _Located:
        raise NotImplementedError


class _Yaml(_Syntax):
    @staticmethod
    def parse(text: str, source: str, mapping_root: bool = False) -> tuple[Any, bool]:
        try:
            return _YamlBuilder(source, mapping_root).build(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            if "nesting depth" in str(exc.problem):  # libyaml's own bound (1000), met before ours
                raise limits.exceeded(source, "nested too deep", "LINEAGE_MAX_DEPTH", line=line) from None
            raise CascadeFileError([Problem(source, line, "", f"invalid YAML: {exc.problem or exc.context}")]) from None
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, exc.position) + 1
            why = forbidden_character(chr(exc.character)) if isinstance(exc.character, int) else None
            raise CascadeFileError([Problem(source, line, "", f"invalid YAML: {why or exc.reason}")]) from None
        except yaml.YAMLError as exc:
            raise CascadeFileError([Problem(source, None, "", f"invalid YAML: {exc}")]) from None

    @staticmethod
    def locate(text: str, source: str, wanted: set[Loc]) -> _Located:
        found = _Located(wanted)
        frames: list[_Frame] = []
        parser = _Parser(text)
        try:
            while parser.check_event():
                event = parser.get_event()
                if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    frames.pop()
                elif isinstance(event, yaml.NodeEvent):
                    line = _line(event) or 0
                    if frames and frames[-1].mapping and frames[-1].key is _NO_KEY:  # a key
                        frames[-1].key_at(source, line, event, found)
                        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                            frames.append(_Frame((), isinstance(event, yaml.MappingStartEvent)))  # refused already
                        continue
                    loc = frames[-1].next_loc() if frames else ()
                    found.at(loc, line)
                    if isinstance(event, yaml.ScalarEvent):
                        found.text(source, line, loc, event.value)
                    elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                        frames.append(_Frame(loc, isinstance(event, yaml.MappingStartEvent)))
        except yaml.YAMLError:
            pass  # the fast reading said what is wrong with the syntax; here, only lines are wanted
        finally:
            parser.dispose()
        return found


@dataclass
class _Frame:
    """A mapping or a list being read by `locate`."""

    loc: Loc
    mapping: bool
    key: Any = _NO_KEY
    index: int = 0
    seen: dict[str, int] = field(default_factory=dict)

    def key_at(self, source: str, line: int, event: yaml.NodeEvent, found: _Located) -> None:
        key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
        loc = (*self.loc, key)
        if key in self.seen:
            found.problem(source, line, loc, f"written twice (first at line {self.seen[key]})")
        else:
            self.seen[key] = line
        found.at(loc, line)
        if isinstance(event, yaml.ScalarEvent):
            found.text(source, line, loc, key)
        self.key = key

    def next_loc(self) -> Loc:
        if self.mapping:
            loc = (*self.loc, self.key)
            self.key = _NO_KEY
        else:
            loc = (*self.loc, self.index)
            self.index += 1
        return loc


class _YamlBuilder:
    """Plain dicts, lists, text and None from libyaml's events, within the limits.

    An alias (`*name`) stands for the very object its anchor (`&name`) made, not a copy; what it
    repeats still counts against LINEAGE_MAX_VALUES and LINEAGE_MAX_ALIAS_VALUES, because
    validation walks it once per use. An anchor is known once its node is complete, so an alias
    inside the node it names (which would make the data contain itself) is refused."""

    def __init__(self, source: str, mapping_root: bool = False) -> None:
        settings = get_settings()
        self.source = source
        self.mapping_root = mapping_root
        self.max_depth = settings.max_depth
        self.max_values = settings.max_values
        self.max_alias_values = settings.max_alias_values
        self.max_chars = settings.max_field_chars

    def build(self, text: str) -> tuple[Any, bool]:  # noqa: C901  (one loop over the events, kept flat for speed)
        scalar, alias, mapping_start, sequence_start = (
            yaml.ScalarEvent,
            yaml.AliasEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
        )
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        containers: list[Any] = []
        keys: list[Any] = []  # per open container: the key awaiting its value (mappings)
        opened: list[tuple[str | None, int]] = []  # per open container: its anchor, values before it
        anchors: dict[str, tuple[Any, int]] = {}
        values = repeated = 0
        suspect = False
        root: Any = _NO_KEY
        parser = _Parser(text)
        try:
            while True:
                event: Any = parser.get_event()  # dispatched on its exact type below, for speed
                kind = type(event)
                if kind is scalar:
                    value = event.value
                    values += 1
                    if len(value) > self.max_chars:
                        raise self._refuse(event, f"a value of {len(value):,} characters", "LINEAGE_MAX_FIELD_CHARS")
                    if not value.isprintable() and FORBIDDEN.search(value):
                        suspect = True
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1)
                    if not event.style and value in _NULLS and not (containers and keys[-1] is _NO_KEY):
                        value = None
                elif kind is alias:
                    if event.anchor not in anchors:
                        raise self._invalid(
                            event,
                            f"the alias *{event.anchor} names no anchor (&{event.anchor}) before it, or the node it is in",
                        )
                    value, count = anchors[event.anchor]
                    values += count
                    repeated += count
                    if repeated > self.max_alias_values:
                        raise self._refuse(
                            event, f"its aliases (*name) repeat {repeated:,} values", "LINEAGE_MAX_ALIAS_VALUES"
                        )
                elif kind is mapping_start or kind is sequence_start:
                    if self.mapping_root and root is _NO_KEY and not containers and kind is sequence_start:
                        raise CascadeFileError([Problem(self.source, _line(event), "", _NOT_A_MAPPING)])
                    values += 1
                    if containers and keys[-1] is _NO_KEY and type(containers[-1]) is dict:
                        raise self._invalid(event, "a key must be text, not a mapping or a list")
                    if len(containers) >= self.max_depth:
                        raise self._refuse(event, f"nested deeper than {self.max_depth} levels", "LINEAGE_MAX_DEPTH")
                    containers.append({} if kind is mapping_start else [])
                    keys.append(_NO_KEY)
                    opened.append((event.anchor, values))
                    if values > self.max_values:
                        raise self._refuse(event, f"more than {self.max_values:,} values", "LINEAGE_MAX_VALUES")
                    continue
                elif kind in ends:
                    value = containers.pop()
                    keys.pop()
                    anchor, before = opened.pop()
                    if anchor is not None:
                        anchors[anchor] = (value, values - before + 1)
                elif kind is yaml.StreamEndEvent:
                    break
                elif kind is yaml.DocumentStartEvent and root is not _NO_KEY:
                    raise self._invalid(event, "a cascade file holds one YAML document; this is a second one (---)")
                else:
                    continue
                if values > self.max_values:
                    raise self._refuse(event, f"more than {self.max_values:,} values", "LINEAGE_MAX_VALUES")
                if not containers:
                    root = value
                    continue
                top = containers[-1]
                if type(top) is list:
                    top.append(value)
                elif keys[-1] is _NO_KEY:
                    if type(value) is not str:
                        raise self._invalid(event, "a key must be text, not a mapping or a list")
                    if value in top:
                        suspect = True  # written twice: `locate` says where both are
                    keys[-1] = value
                else:
                    top[keys[-1]] = value
                    keys[-1] = _NO_KEY
        finally:
            parser.dispose()
        if root is _NO_KEY:
            raise CascadeFileError([Problem(self.source, None, "", "the file is empty")])
        return root, suspect

    def _refuse(self, event: yaml.Event, what: str, setting: str) -> CascadeFileError:
        return limits.exceeded(self.source, what, setting, line=_line(event))

    def _invalid(self, event: yaml.Event, message: str) -> CascadeFileError:
        return CascadeFileError([Problem(self.source, _line(event), "", f"invalid YAML: {message}")])


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark else None


class _NotJson(Exception):
    """NaN, Infinity or -Infinity: Python's json reads them, JSON has no such values."""


def _constant(name: str) -> Any:
    raise _NotJson(name)


class _Json(_Syntax):
    @staticmethod
    def parse(text: str, source: str, mapping_root: bool = False) -> tuple[Any, bool]:
        most = limits.limit("LINEAGE_MAX_VALUES")
        # Every value but the first of each list or mapping follows a comma: a bound counted in C
        # before json.loads builds anything (commas inside strings count too: it may overcount).
        bound = text.count(",") + text.count("[") + text.count("{") + 1
        if bound > most:
            raise limits.exceeded(
                source, f"{bound:,} commas and brackets, so up to as many values", "LINEAGE_MAX_VALUES"
            )
        if mapping_root and (opening := _JSON_LIST.match(text)):  # a list: no cascade, however long
            line = text.count("\n", 0, opening.end()) + 1
            raise CascadeFileError([Problem(source, line, "", _NOT_A_MAPPING)])
        duplicates = False

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            nonlocal duplicates
            mapping = dict(items)
            if len(mapping) != len(items):
                duplicates = True
            return mapping

        try:
            data = json.loads(text, object_pairs_hook=pairs, parse_int=str, parse_float=str, parse_constant=_constant)
        except json.JSONDecodeError as exc:
            raise CascadeFileError(
                [Problem(source, exc.lineno, "", f"invalid JSON: {exc.msg} (column {exc.colno})")]
            ) from None
        except (RecursionError, _NotJson):
            return _UNREAD, True  # `locate` finds where: too deep, or NaN/Infinity
        return data, duplicates or _json_suspect(text)

    @staticmethod
    def locate(text: str, source: str, wanted: set[Loc]) -> _Located:
        return _JsonLocator(text, source, wanted).run()


def _json_suspect(text: str) -> bool:
    """Whether a forbidden character may hide in a JSON text: written as it is (json.loads
    refuses C0 controls in strings, not DEL, C1 or bidi controls), or escaped. Fast paths first:
    most files are ASCII, and many have no backslash at all."""
    if text.isascii():
        if "\x7f" in text:
            return True
    elif FORBIDDEN.search(text):
        return True
    return "\\" in text and _JSON_ESCAPES.search(text) is not None


#: Possessive (`++`, `*+`): a string of millions of characters is one step, not a backtracking
#: record per character (gigabytes for a 50 MB string).
_JSON_TOKEN = re.compile(
    r"""(?P<string>"(?:[^"\\\n]++|\\.)*+")
      | (?P<open>[\[{])
      | (?P<close>[\]}])
      | (?P<colon>:)
      | (?P<comma>,)
      | (?P<space>\s+)
      | (?P<word>[^\s\[\]{}:,"]+)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


class _JsonLocator:
    """JSON read token by token, with lines: the second, slower reading `parse_cascade` does
    only when something is wrong (the same checks as the YAML one, plus NaN/Infinity)."""

    def __init__(self, text: str, source: str, wanted: set[Loc]) -> None:
        self.text, self.source = text, source
        self.found = _Located(wanted)
        self.frames: list[_Frame] = []
        self.max_depth = limits.limit("LINEAGE_MAX_DEPTH")

    def run(self) -> _Located:
        line = 1
        for match in _JSON_TOKEN.finditer(self.text):
            kind, token = match.lastgroup, match.group()
            if kind == "space":
                line += token.count("\n")
            elif kind == "comma" and self.frames and self.frames[-1].mapping:
                self.frames[-1].key = _NO_KEY
            elif kind == "close" and self.frames:
                self.frames.pop()
            elif kind in ("string", "word", "open") and not self._value(kind, token, line):
                break
            elif kind == "other":
                break  # not JSON from here on: json.loads has said so, or stopped before
        return self.found

    def _value(self, kind: str | None, token: str, line: int) -> bool:
        """Read a key or a value; False to stop reading (it cannot go on)."""
        frame = self.frames[-1] if self.frames else None
        if frame is not None and frame.mapping and frame.key is _NO_KEY and kind == "string":
            key = _string(token)
            loc = (*frame.loc, key)
            if key in frame.seen:
                self.found.problem(self.source, line, loc, f"written twice (first at line {frame.seen[key]})")
            else:
                frame.seen[key] = line
            self.found.at(loc, line)
            self.found.text(self.source, line, loc, key)
            frame.key = key
            return True
        if frame is not None and frame.mapping:
            if frame.key is _NO_KEY:
                return False  # not JSON (json.loads stopped before it)
            loc = (*frame.loc, frame.key)
        elif frame is not None:
            loc = (*frame.loc, frame.index)
            frame.index += 1
        else:
            loc = ()
        self.found.at(loc, line)
        if kind == "string":
            self.found.text(self.source, line, loc, _string(token))
        elif kind == "word" and token in ("NaN", "Infinity", "-Infinity"):
            self.found.problem(self.source, line, loc, f"{token} is not a number JSON allows; write a number, or null")
        elif kind == "open":
            if len(self.frames) >= self.max_depth:
                self.found.limit(
                    self.source, line, (), f"nested deeper than {self.max_depth} levels", "LINEAGE_MAX_DEPTH"
                )
                return False
            self.frames.append(_Frame(loc, token == "{"))
        return True


def _string(token: str) -> str:
    return token[1:-1] if "\\" not in token else str(json.loads(token))
