"""`lineage versions CASCADE` and `lineage diff CASCADE --against VERSION`."""

from __future__ import annotations

import argparse

from lineage import diff, errors, versions
from lineage.cli.common import Failure, add_json_flag, connected, print_json, print_table


def register(commands: argparse._SubParsersAction) -> None:
    listing = commands.add_parser("versions", help="the versions of a cascade: the current one and the kept ones")
    listing.add_argument("cascade")
    add_json_flag(listing)
    listing.set_defaults(run=_versions)

    compare = commands.add_parser(
        "diff", help="indicators added, removed, renamed, re-parented, and targets changed between two versions"
    )
    compare.add_argument("cascade")
    compare.add_argument("--against", required=True, help="the version to compare with (label or load id)")
    compare.add_argument("--version", default=None, help="the version compared (default: the current one)")
    add_json_flag(compare)
    compare.set_defaults(run=_diff)
    for sub in (listing, compare):
        sub.add_argument("--instance", default=None, help="local server instance (when NEO4J_URI is not set)")


def _versions(args: argparse.Namespace) -> int:
    with connected(args) as (driver, target):
        try:
            found = versions.list_versions(driver, args.cascade, database=target.database)
        except errors.NotFound as exc:
            raise Failure(str(exc)) from None
    if args.json:
        print_json(found)
        return 0
    print_table(
        ["", "version", "loaded", "load", "file"],
        [
            ("*" if v.current else "", v.version or "(unlabelled)", v.loaded_at, v.load, v.file or "")
            for v in found.items
        ],
    )
    return 0


def _diff(args: argparse.Namespace) -> int:
    with connected(args) as (driver, target):
        try:
            found = diff.diff_versions(
                driver, args.cascade, args.against, args.version, limit=None, database=target.database
            )
        except errors.NotFound as exc:
            raise Failure(str(exc)) from None
    if args.json:
        print_json(found)
        return 0
    print(
        f"{found.cascade}: {found.base.version or found.base.load} against {found.against.version or found.against.load}"
    )
    print(f"  {found.unchanged} indicators unchanged")
    for title, items in (("added", found.added), ("removed", found.removed)):
        print(f"\n  {title} ({len(items)}):")
        for item in items:
            print(
                f"    + {item.name}  [{item.element}]" if title == "added" else f"    - {item.name}  [{item.element}]"
            )
    print(f"\n  renamed ({len(found.renamed)}):")
    for item in found.renamed:
        print(f"    {item.old.name!r} -> {item.new.name!r}  (similarity {item.similarity})")
    print(f"\n  re-parented ({len(found.reparented)}):")
    for item in found.reparented:
        print(f"    {item.new.name}: {item.old_parent} -> {item.new_parent}")
    print(f"\n  targets changed ({len(found.targets_changed)}):")
    for item in found.targets_changed:
        changes = ", ".join(
            f"{c.year}: {c.old:g} -> {c.new:g}"
            if c.old is not None and c.new is not None
            else f"{c.year}: {c.old} -> {c.new}"
            for c in item.changes
        )
        print(f"    {item.indicator.name}: {changes}")
    if found.renames_capped:
        print(
            f"\n  (more than {diff.MAX_RENAME_CANDIDATES} indicators were unpaired on a side: only the first "
            f"{diff.MAX_RENAME_CANDIDATES} of each were compared for renames)"
        )
    return 0
