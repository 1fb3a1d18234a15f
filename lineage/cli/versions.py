"""`lineage versions CASCADE_ID` and `lineage diff CASCADE_ID --against VERSION`."""

from __future__ import annotations

import click

from lineage.cli.common import connected, print_json, print_table, safe
from lineage.cli.errors import DONE, USAGE, Failure
from lineage.cli.options import instance_option, json_option


@click.command()
@click.argument("cascade", metavar="CASCADE_ID")
@json_option
@instance_option
def versions(cascade: str, as_json: bool, instance: str | None) -> int:
    """List the versions of a cascade: the current and the kept."""
    from lineage import errors
    from lineage.versions import list_versions

    with connected(instance) as (driver, target):
        try:
            found = list_versions(driver, cascade, database=target.database)
        except errors.NotFound as exc:
            raise Failure(str(exc)) from None
    if as_json:
        print_json(found)
        return DONE
    print_table(
        ["", "version", "loaded", "load", "file"],
        [
            ("*" if v.current else "", v.version or "(unlabelled)", v.loaded_at, v.load, v.file or "")
            for v in found.items
        ],
    )
    return DONE


@click.command()
@click.argument("cascade", metavar="CASCADE_ID")
@click.option("--against", required=True, metavar="VERSION", help="the version to compare with (label or load id)")
@click.option("--version", metavar="VERSION", help="the version compared (default: the current one)")
@json_option
@instance_option
def diff(cascade: str, against: str, version: str | None, as_json: bool, instance: str | None) -> int:
    """Compare two versions of a cascade.

    Lists the indicators added, removed, renamed and re-parented, and the targets changed.
    """
    from lineage import errors
    from lineage.diff import MAX_RENAME_CANDIDATES, diff_versions

    if not against:  # an unset variable in a script: it would read as the current version, "no change"
        raise Failure(
            "--against: name the version to compare with (a label or a load id; `lineage versions` lists them)", USAGE
        )
    with connected(instance) as (driver, target):
        try:
            found = diff_versions(driver, cascade, against, version, limit=None, database=target.database)
        except errors.NotFound as exc:
            raise Failure(str(exc)) from None
    if as_json:
        print_json(found)
        return DONE
    click.echo(
        f"{safe(found.cascade)}: {safe(found.base.version or found.base.load)} "
        f"against {safe(found.against.version or found.against.load)}"
    )
    click.echo(f"  {found.unchanged} indicators unchanged")
    for title, mark, items in (("added", "+", found.added), ("removed", "-", found.removed)):
        click.echo(f"\n  {title} ({len(items)}):")
        for item in items:
            click.echo(f"    {mark} {safe(item.name)}  [{safe(item.element)}]")
    click.echo(f"\n  renamed ({len(found.renamed)}):")
    for renamed in found.renamed:
        click.echo(f"    {renamed.old.name!r} -> {renamed.new.name!r}  (similarity {renamed.similarity})")
    click.echo(f"\n  re-parented ({len(found.reparented)}):")
    for moved in found.reparented:
        click.echo(f"    {safe(moved.new.name)}: {safe(moved.old_parent)} -> {safe(moved.new_parent)}")
    click.echo(f"\n  targets changed ({len(found.targets_changed)}):")
    for changed in found.targets_changed:
        changes = ", ".join(
            f"{c.year}: {c.old:g} -> {c.new:g}"
            if c.old is not None and c.new is not None
            else f"{c.year}: {c.old} -> {c.new}"
            for c in changed.changes
        )
        click.echo(f"    {safe(changed.indicator.name)}: {changes}")
    if found.renames_capped:
        click.echo(
            f"\n  (more than {MAX_RENAME_CANDIDATES} indicators were unpaired on a side: only the first "
            f"{MAX_RENAME_CANDIDATES} of each were compared for renames)"
        )
    return DONE
