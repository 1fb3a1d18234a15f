"""The rows of a SQL dump's `INSERT` statements, as tables of named columns, each row with its line.

Why not run the dump in SQLite: dumps from MySQL/MariaDB and PostgreSQL planning systems carry
engine options, backquotes and types SQLite refuses, and running foreign SQL is more than an
import needs. Only `CREATE TABLE` (for column names, when an `INSERT` gives none) and `INSERT
INTO ... VALUES (...), (...)` (or `REPLACE INTO`, as `mysqldump --replace` writes) are read;
everything else (SET, LOCK, indexes, comments) is skipped, but for PostgreSQL's `COPY ... FROM
stdin` rows, which are refused with the dump to make instead.

A dump cut short (a string, a comment or a VALUES list that never ends) is refused with its line,
and so are what no import may hold (`lineage.limits`, `lineage.text`): a table of more than
LINEAGE_MAX_ROWS rows, a string beyond LINEAGE_MAX_FIELD_CHARS or holding a control character,
a number too large to be one (1e999). Reading stays linear in the dump's size.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lineage import limits
from lineage.text import forbidden_character

#: Strings possessive (`++`, `*+`): a long one is matched in one step, without a backtracking
#: record per character.
_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<comment>--[^\n]*|\#[^\n]*|/\*.*?\*/)
      | (?P<string>'(?:[^'\\]++|\\.|'')*+')
      | (?P<quoted>`[^`]*`|"[^"]*"|\[[^\]]*\])
      | (?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<word>[A-Za-z_][A-Za-z0-9_$.]*)
      | (?P<punct>[(),;=])
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
#: What starts a string, a quoted name or a comment: seen alone, it never ends.
_UNENDING = {"'": "a string", '"': "a quoted name", "`": "a quoted name", "[": "a quoted name", "/": "a comment"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"'}


def dump_text(content: bytes) -> str:
    """A dump's text: UTF-8, as MySQL, MariaDB and PostgreSQL write it; otherwise refused with the
    line of the first byte that is not (a latin1 dump: export it again with UTF-8)."""
    try:
        return content.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise SqlDumpError(
            content.count(b"\n", 0, exc.start) + 1, f"not UTF-8 text (byte {exc.start}); export the dump as UTF-8"
        ) from None


class SqlDumpError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(slots=True)
class Token:
    kind: str
    value: str
    line: int


@dataclass
class Table:
    name: str
    columns: list[str]
    #: (line of the row's opening parenthesis, values by column)
    rows: list[tuple[int, dict[str, object]]]


def read_dump(text: str) -> dict[str, Table]:
    """Tables by name (without schema prefix), in the order the dump first fills them."""
    tokens = _Tokens(text)
    tables: dict[str, Table] = {}
    declared: dict[str, list[str]] = {}
    i = 0
    while tokens.has(i):
        word = tokens[i].value.upper() if tokens[i].kind == "word" else None
        if word == "CREATE" and _upper(tokens, i + 1) == "TABLE":
            i = _create(tokens, i + 2, declared)
        elif word == "INSERT" or (word == "REPLACE" and _upper(tokens, i + 1) == "INTO"):  # mysqldump --replace
            i = _insert(tokens, i + 1, tables, declared)
        elif word == "COPY" and _from_stdin(tokens, i + 1):
            raise SqlDumpError(
                tokens[i].line,
                f"COPY {_name(tokens[i + 1])} FROM stdin (PostgreSQL's rows) is not read: dump the database with "
                "`pg_dump --inserts`",
            )
        else:
            i += 1
        tokens.forget(i)
    return tables


class _Tokens:
    """The tokens of a dump, made as the parser reads them and let go once it has: a dump of
    millions of rows never holds all its tokens, and a table beyond LINEAGE_MAX_ROWS is refused
    before the rest of the dump is even tokenized."""

    def __init__(self, text: str) -> None:
        self._source = _tokens(text)
        self._buffer: list[Token] = []
        self._first = 0  # the index of _buffer[0]
        #: The line of the last token made, for a dump that ends inside a statement.
        self.last_line = 1

    def has(self, i: int) -> bool:
        while i - self._first >= len(self._buffer):
            token = next(self._source, None)
            if token is None:
                return False
            self._buffer.append(token)
            self.last_line = token.line
        return True

    def __getitem__(self, i: int) -> Token:
        if not self.has(i):
            raise IndexError(i)
        return self._buffer[i - self._first]

    def forget(self, i: int) -> None:
        """The tokens before `i` are read: let them go (a thousand at a time)."""
        if i - self._first > 1_000:
            del self._buffer[: i - self._first]
            self._first = i


def _from_stdin(tokens: _Tokens, i: int) -> bool:
    """Whether the statement from `i` is `COPY name [(columns)] FROM stdin`: pg_dump's rows, which
    follow it as tab-separated lines up to a line `\\.` (`pg_dump --inserts` writes INSERTs)."""
    for j in range(i, i + 1_000):
        word = _upper(tokens, j)
        if word == "FROM":
            return _upper(tokens, j + 1) == "STDIN"
        if not tokens.has(j) or tokens[j].value == ";":
            return False
    return False


def _upper(tokens: _Tokens, i: int) -> str | None:
    return tokens[i].value.upper() if tokens.has(i) and tokens[i].kind == "word" else None


def _name(token: Token) -> str:
    return str(token.value).split(".")[-1]


def _at(tokens: _Tokens, i: int) -> Token:
    """tokens[i], or the refusal of a dump that ends inside a statement."""
    if tokens.has(i):
        return tokens[i]
    raise SqlDumpError(tokens.last_line, "the dump ends inside a statement: it was cut short")


def _create(tokens: _Tokens, i: int, declared: dict[str, list[str]]) -> int:
    while _upper(tokens, i) in ("IF", "NOT", "EXISTS"):
        i += 1
    name = _name(_at(tokens, i))
    i += 1
    if _at(tokens, i).value != "(":
        return i
    depth, columns, expect_column = 1, [], True
    i += 1
    while tokens.has(i) and depth:
        token = tokens[i]
        if token.value == "(":
            depth += 1
        elif token.value == ")":
            depth -= 1
        elif token.value == "," and depth == 1:
            expect_column = True
        elif expect_column and depth == 1 and token.kind in ("word", "quoted"):
            if token.kind == "quoted" or token.value.upper() not in (
                "PRIMARY",
                "KEY",
                "UNIQUE",
                "CONSTRAINT",
                "FOREIGN",
                "INDEX",
                "CHECK",
                "FULLTEXT",
            ):
                columns.append(_name(token))
            expect_column = False
        i += 1
    declared[name] = columns
    return i


def _insert(tokens: _Tokens, i: int, tables: dict[str, Table], declared: dict[str, list[str]]) -> int:
    while _upper(tokens, i) in ("IGNORE", "INTO", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY"):
        i += 1
    start = _at(tokens, i).line
    name = _name(tokens[i])
    i += 1
    columns: list[str] | None = None
    if _at(tokens, i).value == "(":
        columns, i = _list(tokens, i, names=True)
    if _upper(tokens, i) not in ("VALUES", "VALUE"):
        raise SqlDumpError(start, f"INSERT INTO {name}: only INSERT ... VALUES is read")
    i += 1
    columns = columns or declared.get(name)
    if not columns:
        raise SqlDumpError(start, f"INSERT INTO {name} names no columns and no CREATE TABLE {name} came before it")
    table = tables.setdefault(name, Table(name, columns, []))
    max_rows = limits.limit("LINEAGE_MAX_ROWS")
    while tokens.has(i) and tokens[i].value == "(":
        line = tokens[i].line
        row, i = _list(tokens, i, names=False)
        if len(table.rows) >= max_rows:
            raise SqlDumpError(
                line, f"table {name} has more rows than Lineage reads: {limits.describe('LINEAGE_MAX_ROWS')}"
            )
        if len(row) != len(columns):
            raise SqlDumpError(line, f"INSERT INTO {name}: {len(row)} values for {len(columns)} columns")
        table.rows.append((line, dict(zip(columns, row, strict=True))))
        if tokens.has(i) and tokens[i].value == ",":
            i += 1
        tokens.forget(i)
    return i


def _list(tokens: _Tokens, i: int, *, names: bool) -> tuple[list[Any], int]:
    """A parenthesised, comma-separated list starting at tokens[i] == "("."""
    out: list[Any] = []
    i += 1
    while _at(tokens, i).value != ")":
        token = tokens[i]
        if token.value != ",":
            if names:
                out.append(_name(token))
            elif token.kind == "word" and token.value.upper() == "NULL":
                out.append(None)
            elif token.kind == "number":
                out.append(_number(token))
            elif token.kind == "string":
                out.append(token.value)
            else:
                raise SqlDumpError(token.line, f"unexpected {token.value!r} in a VALUES list")
        i += 1
    return out, i + 1


def _number(token: Token) -> float | int:
    text = str(token.value)
    if "." not in text and "e" not in text.lower():
        return int(text)
    number = float(text)
    if not math.isfinite(number):
        raise SqlDumpError(token.line, f"{text} is too large to be a number")
    return number


def _tokens(text: str) -> Iterator[Token]:
    line = 1
    max_chars = limits.limit("LINEAGE_MAX_FIELD_CHARS")
    for match in _TOKEN.finditer(text):
        kind, raw = match.lastgroup, match.group()
        if kind == "other" and raw in _UNENDING and (raw != "/" or text.startswith("*", match.end())):
            # Its end was looked for up to the end of the dump: stop here, or every later quote
            # would search as far again (quadratic time on a dump cut short).
            raise SqlDumpError(line, f"{_UNENDING[raw]} that never ends: the dump was cut short, or is not SQL")
        if kind == "string":
            value = _unquote(raw[1:-1])
            if len(value) > max_chars:
                raise SqlDumpError(
                    line,
                    f"a string of {len(value):,} characters; Lineage reads {limits.describe('LINEAGE_MAX_FIELD_CHARS')}",
                )
            why = forbidden_character(value)
            if why:
                raise SqlDumpError(line, f"a string {why}")
            yield Token("string", value, line)
        elif kind == "quoted":
            yield Token("quoted", raw[1:-1], line)
        elif kind in ("number", "word", "punct"):
            yield Token(kind, str(raw), line)
        line += raw.count("\n")


def _unquote(body: str) -> str:
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        elif ch == "'" and body[i + 1 : i + 2] == "'":
            out.append("'")
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)
