"""`lineage token add|list|remove`: the API's write tokens; `lineage changes`: the change log."""

from __future__ import annotations

import json
from datetime import datetime

import click

from lineage.cli.common import connected, eprint, print_json, print_table, safe
from lineage.cli.errors import DONE, Failure
from lineage.cli.options import instance_option, json_option


@click.group()
def token() -> None:
    """The API's write tokens: each with a name and a scope (docs/access.md).

    Tokens live as SHA-256 hashes in the tokens file (LINEAGE_TOKENS_FILE, default tokens.json
    under LINEAGE_HOME); the server reads it again when it changes.
    """


@token.command("add")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    metavar="SCOPE",
    help="`all`, `agency:NAME` or `cascade:ID`; repeatable",
)
@json_option
def token_add(name: str, scopes: tuple[str, ...], as_json: bool) -> int:
    """Make a write token NAME; print it once (only its hash is kept)."""
    from lineage.settings import get_settings
    from lineage.tokens import Scope, TokenError, add_token, tokens_file

    path = tokens_file(get_settings())
    try:
        secret = add_token(path, name, Scope.parse(scopes))
    except TokenError as exc:
        raise Failure(str(exc)) from None
    eprint(f"Token {name!r} added to {path}; it is shown this once, keep it safe:")
    if as_json:
        click.echo(json.dumps({"name": name, "token": secret, "scope": list(scopes), "file": str(path)}, indent=2))
    else:
        click.echo(secret)
    return DONE


@token.command("list")
@json_option
def token_list(as_json: bool) -> int:
    """The tokens the server knows: names and scopes, never secrets."""
    from lineage.settings import get_settings
    from lineage.tokens import TokenError, read_tokens, tokens_file

    try:
        entries = read_tokens(tokens_file(get_settings()))
    except TokenError as exc:
        raise Failure(str(exc)) from None
    if as_json:
        items = [{"name": e.name, "scope": e.scope.items(), "created_at": e.created_at} for e in entries]
        click.echo(json.dumps(items, indent=2, ensure_ascii=False))
    else:
        print_table(["name", "created", "scope"], [[e.name, e.created_at, e.scope.describe()] for e in entries])
    return DONE


@token.command("remove")
@click.argument("name")
@json_option
def token_remove(name: str, as_json: bool) -> int:
    """Remove the token NAME: the server refuses it from its next request."""
    from lineage.settings import get_settings
    from lineage.tokens import TokenError, remove_token, tokens_file

    try:
        removed = remove_token(tokens_file(get_settings()), name)
    except TokenError as exc:
        raise Failure(str(exc)) from None
    if not removed:
        raise Failure(f"no token is named {name!r}; `lineage token list` lists them")
    if as_json:
        click.echo(json.dumps({"removed": name}, indent=2))
    else:
        click.echo(f"Removed token {safe(name)!r}")
    return DONE


@click.command()
@click.option("--cascade", metavar="CASCADE_ID", help="only this cascade's changes")
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]), help="only changes since (UTC)")
@click.option("--limit", type=click.IntRange(1, 500), default=100, show_default=True, help="at most this many")
@json_option
@instance_option
def changes(cascade: str | None, since: datetime | None, limit: int, as_json: bool, instance: str | None) -> int:
    """Every write (load, import, delete, realisation), oldest first: who, when, what."""
    from datetime import UTC

    from lineage.changes import ChangePage, list_changes

    with connected(instance) as (driver, target):
        items, more = list_changes(
            driver,
            cascade=cascade,
            since=since.replace(tzinfo=UTC) if since else None,
            limit=limit,
            database=target.database,
        )
    if as_json:
        print_json(ChangePage(items=items))
        return DONE
    rows = [[c.at, c.who, c.action, c.cascade, _what(c.model_dump())] for c in items]
    print_table(["at", "who", "action", "cascade", "what"], rows)
    if more:
        eprint(f"(more after {more[0]}: pass --since, or a larger --limit)")
    return DONE


def _what(change: dict[str, object]) -> str:
    if change["action"] == "realisation":
        before = change["before"] or {}
        after = change["after"] or {}
        old = before.get("value", "-") if isinstance(before, dict) else "-"
        new = after.get("value", "-") if isinstance(after, dict) else "-"
        quarter = f" Q{change['quarter']}" if change["quarter"] else ""
        return f"{change['indicator']} {change['year']}{quarter}: {old} -> {new}"
    details = change["details"] if isinstance(change["details"], dict) else {}
    counts = details.get("counts")
    indicators = f", {counts['indicators']} indicators" if isinstance(counts, dict) else ""
    return f"load {change['load']}{indicators}"
