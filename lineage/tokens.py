"""Write tokens, each with a name and a scope: who may write, and to which cascades.

Why scoped tokens. A region's agencies each keep their own Renstra and report their own
realisations; one token for everything let any holder overwrite any agency's cascade. A token
now carries a scope: every cascade (`all`), or some agencies (`agency:NAME`, case and accents
ignored) and/or some cascades (`cascade:ID`). The API refuses (403) a load, a delete or a
realisation outside the scope of the token it was sent with, and records the token's name with
every write (`lineage.changes`).

Why a file of hashes. Secrets never go on a command line (they would land in shell histories and
`ps`): `lineage token add NAME --scope ...` makes a random token, prints it once, and keeps only
its SHA-256 in the tokens file (`LINEAGE_TOKENS_FILE`, default `LINEAGE_HOME/tokens.json`, mode
0600). A token has 256 random bits, so a fast hash is safe: nobody can guess back from it. The
server reads the file again whenever it changes, so tokens are added and removed without a
restart. `LINEAGE_WRITE_TOKEN` (the environment) still works: a token named `LINEAGE_WRITE_TOKEN`
with scope `all`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lineage.settings import Settings
from lineage.text import fold

log = logging.getLogger(__name__)

#: The name the environment's LINEAGE_WRITE_TOKEN is known by in the change log.
ENV_TOKEN_NAME = "LINEAGE_WRITE_TOKEN"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_PREFIX = "lin_"


class TokenError(ValueError):
    """A token name, scope or tokens file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Scope:
    """What a token may write: everything, or the cascades of some agencies and/or some cascades."""

    all: bool = False
    #: agency names as written (matched case- and accent-insensitively)
    agencies: tuple[str, ...] = ()
    cascades: tuple[str, ...] = ()

    @classmethod
    def parse(cls, items: Iterable[str]) -> Scope:
        """From `all`, `agency:NAME` and `cascade:ID` items (as `--scope` takes them)."""
        everything, agencies, cascades = False, [], []
        for item in items:
            kind, _, value = item.partition(":")
            value = value.strip()
            if item.strip() == "all":
                everything = True
            elif kind.strip() == "agency" and value:
                agencies.append(value)
            elif kind.strip() == "cascade" and value:
                cascades.append(value)
            else:
                raise TokenError(f"scope {item!r}: write `all`, `agency:NAME` or `cascade:ID`")
        if not (everything or agencies or cascades):
            raise TokenError("a token needs a scope: `all`, `agency:NAME` or `cascade:ID` (one or more)")
        return cls(everything, tuple(agencies), tuple(cascades))

    def items(self) -> list[str]:
        return (
            (["all"] if self.all else [])
            + [f"agency:{a}" for a in self.agencies]
            + [f"cascade:{c}" for c in self.cascades]
        )

    def allows(self, cascade_id: str, agency: str | None) -> bool:
        """Whether a cascade (of `agency`, when known) is within the scope."""
        if self.all or cascade_id in self.cascades:
            return True
        return agency is not None and fold(agency) in {fold(a) for a in self.agencies}

    def describe(self) -> str:
        return "every cascade" if self.all else ", ".join(self.items())


@dataclass(frozen=True)
class Token:
    """A writer known to the server: its name (recorded with each write) and its scope."""

    name: str
    scope: Scope


@dataclass(frozen=True)
class TokenEntry:
    """One line of the tokens file: never the secret, only its hash."""

    name: str
    sha256: str
    scope: Scope
    created_at: str


def tokens_file(settings: Settings) -> Path:
    return settings.tokens_file or settings.home / "tokens.json"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def read_tokens(path: Path) -> list[TokenEntry]:
    """The tokens of `path` (none when there is no file)."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise TokenError(f"{path}: not a tokens file ({exc})") from None
    try:
        return [
            TokenEntry(str(t["name"]), str(t["sha256"]), Scope.parse(t["scope"]), str(t.get("created_at", "")))
            for t in data["tokens"]
        ]
    except (KeyError, TypeError, TokenError) as exc:
        raise TokenError(f"{path}: not a tokens file ({exc})") from None


def add_token(path: Path, name: str, scope: Scope) -> str:
    """Make a token, keep its hash in `path`, and return it: the only time it is ever seen."""
    if not _NAME.fullmatch(name):
        raise TokenError(f"token name {name!r}: letters, digits, '.', '_' or '-', at most 64")
    entries = read_tokens(path)
    if any(entry.name == name for entry in entries):
        raise TokenError(f"a token named {name!r} exists already; remove it first (`lineage token remove {name}`)")
    secret = _PREFIX + secrets.token_urlsafe(32)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    _write(path, [*entries, TokenEntry(name, digest(secret), scope, created)])
    return secret


def remove_token(path: Path, name: str) -> bool:
    entries = read_tokens(path)
    kept = [entry for entry in entries if entry.name != name]
    if len(kept) == len(entries):
        return False
    _write(path, kept)
    return True


def _write(path: Path, entries: list[TokenEntry]) -> None:
    """Atomically, readable by its owner only. A place that cannot be written (no folder can be
    made there, no permission, a full disk) is a TokenError naming the file, and leaves no part."""
    body = {
        "tokens": [
            {"name": e.name, "sha256": e.sha256, "scope": e.scope.items(), "created_at": e.created_at} for e in entries
        ]
    }
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(body, out, indent=2, ensure_ascii=False)
            out.write("\n")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise TokenError(f"{path}: cannot write the tokens file ({exc.strerror or exc})") from None


class TokenRegistry:
    """The tokens a server accepts: the environment's, and the file's, read again when it changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: tuple[Path, float, int] | None = None
        self._by_hash: dict[str, Token] = {}

    def configured(self, settings: Settings) -> bool:
        """Whether any writer is known: a server with none refuses every write."""
        return self._env_secret(settings) is not None or bool(self._file_tokens(settings))

    def find(self, settings: Settings, presented: str) -> Token | None:
        env = self._env_secret(settings)
        if env is not None and secrets.compare_digest(presented.encode(), env.encode()):
            return Token(ENV_TOKEN_NAME, Scope(all=True))
        return self._file_tokens(settings).get(digest(presented))

    @staticmethod
    def _env_secret(settings: Settings) -> str | None:
        token = settings.write_token
        return token.get_secret_value() if token is not None and token.get_secret_value() else None

    def _file_tokens(self, settings: Settings) -> dict[str, Token]:
        path = tokens_file(settings)
        try:
            stat = path.stat()
        except OSError:
            return {}
        key = (path, stat.st_mtime, stat.st_size)
        with self._lock:
            if key != self._seen:
                try:
                    entries = read_tokens(path)
                except TokenError as exc:  # unreadable or damaged: none of its tokens is accepted
                    log.error("write tokens: %s; the file's tokens are refused until it is fixed", exc)
                    entries = []
                self._by_hash = {e.sha256: Token(e.name, e.scope) for e in entries}
                self._seen = key
            return self._by_hash
