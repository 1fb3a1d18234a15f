"""Paging, the same for every paged answer: one page-size rule and one kind of cursor.

Why one cursor: a reporting tool pages search results, contributors, boxes, cascades and audit
findings the same way, and each must be safe to hand out. A cursor is opaque and signed
(HMAC-SHA256 with a server secret), so a client can neither forge a position nor carry a cursor
from one question to another: the signature covers the question (the route and its normalised
parameters), which is never written into the cursor itself. Inside it is the position after which
the next page starts and the loads (versions of cascades) the answer pages through, so every page
reads the same versions: a page after those loads are gone is refused (`CursorExpired`, 409)
instead of mixing two versions.

Anything that is not a cursor we signed for this question (garbage, a cursor of another question,
deeply nested JSON, megabytes) is refused with `BadCursor` before it is parsed: the signature is
checked on the raw text, and only then is its payload decoded.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lineage.errors import BadCursor
from lineage.settings import get_settings

log = logging.getLogger(__name__)

#: The most items one page holds, for every paged answer.
MAX_PAGE = 500
#: The longest cursor accepted (the API refuses longer ones as a 422 before they reach us).
MAX_CURSOR = 2_000
#: Bytes of the HMAC kept in a cursor: 128 bits, beyond any forging by trial.
_SIGNATURE_BYTES = 16

JSON = Any


def page_size(limit: int) -> int:
    """The page size for `limit`: at least 1, at most MAX_PAGE. The API refuses a limit out of
    range (422) before it gets here; library callers asking for more get MAX_PAGE and a cursor."""
    return max(1, min(limit, MAX_PAGE))


def question_key(route: str, **parameters: JSON) -> str:
    """What a cursor is bound to: the route and its parameters (normalised by the caller: folded
    names, sorted lists), as canonical JSON."""
    return json.dumps([route, parameters], sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def make_cursor(question: str, payload: Mapping[str, JSON]) -> str:
    """A signed cursor for `question` carrying `payload` (small JSON)."""
    body = _b64encode(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    return f"{body}.{_b64encode(_signature(question, body))}"


def open_cursor(question: str, cursor: str) -> dict[str, JSON]:
    """The payload of a cursor signed for `question`; BadCursor for anything else."""
    if len(cursor) > MAX_CURSOR or cursor.count(".") != 1:
        raise BadCursor("the cursor is not one this server handed out")
    body, signature = cursor.split(".")
    try:
        given = _b64decode(signature)
    except ValueError:
        raise BadCursor("the cursor is not one this server handed out") from None
    if not hmac.compare_digest(given, _signature(question, body)):
        raise BadCursor("the cursor was not handed out for this question (another question, or altered)")
    payload = json.loads(_b64decode(body))  # signed by us: our own small JSON
    if not isinstance(payload, dict):
        raise BadCursor("the cursor is not one this server handed out")
    return payload


def _signature(question: str, body: str) -> bytes:
    message = question.encode() + b"\x00" + body.encode()
    return hmac.new(_secret(), message, hashlib.sha256).digest()[:_SIGNATURE_BYTES]


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _b64decode(text: str) -> bytes:
    if not text.isascii():
        raise ValueError("not base64")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as exc:
        raise ValueError("not base64") from exc


# -- the server secret -------------------------------------------------------------------------

_secret_lock = threading.Lock()
_secrets: dict[str, bytes] = {}


def _secret() -> bytes:
    """LINEAGE_CURSOR_SECRET, else the secret kept under LINEAGE_HOME (made on first use)."""
    settings = get_settings()
    if settings.cursor_secret is not None:
        return settings.cursor_secret.get_secret_value().encode()
    path = settings.home / "cursor-secret"
    with _secret_lock:
        if str(path) not in _secrets:
            _secrets[str(path)] = _stored_secret(path)
        return _secrets[str(path)]


def _stored_secret(path: Path) -> bytes:
    """The secret in `path`, written there first if missing (mode 0600, atomically: two workers
    starting together end up with the same one). When LINEAGE_HOME cannot be written, a secret of
    this process only: its cursors then fail (400) in another worker or after a restart."""
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    candidate = secrets.token_hex(32).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(f".cursor-secret.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(candidate)
        try:
            os.link(scratch, path)  # fails if another process made it first: then theirs wins
        except FileExistsError:
            pass
        finally:
            scratch.unlink()
        return path.read_bytes().strip()
    except OSError as exc:
        log.warning("cannot keep the cursor secret in %s (%s): cursors hold only in this process", path, exc)
        return candidate
