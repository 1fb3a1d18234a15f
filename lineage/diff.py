"""What changed between two versions of a cascade: indicators added, removed, renamed (matched
by a fuzzy comparison of their names), re-parented, and targets changed.

Why names and not ids: ids of imported indicators are derived from where they sit (their
element's code and their order in it), and a planner's revision renames, moves and reorders.
Indicators are paired in rounds, most certain first: the same name in the same element; the same
name anywhere (a moved indicator); the same id with a similar name; then the most similar names
left (a renamed one, at a similarity of at least `RENAME_SIMILARITY`). What stays unpaired was
removed or added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher

from neo4j import Driver
from pydantic import BaseModel, Field

from lineage.cascade.model import ElementKind
from lineage.cypher import cypher
from lineage.text import fold
from lineage.versions import VersionInfo, resolve_version

#: The least similarity (0-1, difflib's ratio of the folded names) for "renamed" rather than
#: "one removed, another added".
RENAME_SIMILARITY = 0.75


class DiffIndicator(BaseModel):
    id: str = Field(description="Global id (cascade:id) in the version it belongs to.")
    name: str
    element: str | None = Field(None, description="The element it measures (code, or name).")
    level: ElementKind | None = None


class Renamed(BaseModel):
    old: DiffIndicator
    new: DiffIndicator
    similarity: float


class Reparented(BaseModel):
    old: DiffIndicator
    new: DiffIndicator
    old_parent: str | None = Field(description="Where it sat: its element, under that element's parent.")
    new_parent: str | None


class TargetChange(BaseModel):
    year: int
    old: float | None
    new: float | None


class TargetsChanged(BaseModel):
    indicator: DiffIndicator
    changes: list[TargetChange]


class CascadeDiff(BaseModel):
    cascade: str
    base: VersionInfo = Field(description="The version compared (default: the current one).")
    against: VersionInfo = Field(description="The version it is compared with (the older one, usually).")
    added: list[DiffIndicator] = Field(description="In `base`, not in `against`.")
    removed: list[DiffIndicator] = Field(description="In `against`, not in `base`.")
    renamed: list[Renamed]
    reparented: list[Reparented]
    targets_changed: list[TargetsChanged]
    unchanged: int = Field(description="Indicators paired with no change at all.")


@dataclass(frozen=True)
class _Ind:
    id: str
    uid: str
    name: str
    key: str
    element: str | None
    element_parent: str | None
    level: ElementKind | None
    targets: dict[int, float]

    def ref(self) -> DiffIndicator:
        return DiffIndicator(id=self.uid, name=self.name, element=self.element, level=self.level)

    @property
    def place(self) -> str | None:
        return f"{self.element} under {self.element_parent}" if self.element_parent else self.element


def diff_versions(
    driver: Driver, cascade_id: str, against: str, version: str | None = None, *, database: str | None = None,
) -> CascadeDiff:
    base_info = resolve_version(driver, cascade_id, version, database=database)
    against_info = resolve_version(driver, cascade_id, against, database=database)
    new = _indicators(driver, cascade_id, base_info.load, database)
    old = _indicators(driver, cascade_id, against_info.load, database)
    return compare(cascade_id, base_info, against_info, old, new)


def _indicators(driver: Driver, cascade_id: str, load: str, database: str | None) -> list[_Ind]:
    records, _, _ = driver.execute_query(cypher("version_indicators"), cascade=cascade_id, load=load, database_=database, routing_="r")
    out = []
    for r in records:
        ind, element, parent = r["indicator"], r["element"], r["parent"]
        figures = json.loads(ind.get("data_json") or "{}")
        out.append(_Ind(
            id=ind["id"], uid=ind["uid"], name=ind["name"], key=fold(ind["name"]),
            element=_label(element), element_parent=_label(parent) or (element or {}).get("external_parent"),
            level=ElementKind(element["kind"]) if element else None,
            targets={int(y): m["value"] for y, m in figures.get("targets", {}).items()},
        ))
    return out


def _label(element: dict | None) -> str | None:
    if not element:
        return None
    return element.get("code") or element["name"]


def compare(cascade_id: str, base: VersionInfo, against: VersionInfo, old: list[_Ind], new: list[_Ind]) -> CascadeDiff:
    """The pairing rounds (see the module's docstring), then what each pair changed."""
    pairs: list[tuple[_Ind, _Ind, float]] = []
    old_left, new_left = list(old), list(new)

    def pair_by(key) -> None:
        index: dict = {}
        for item in new_left:
            index.setdefault(key(item), []).append(item)
        for item in list(old_left):
            candidates = index.get(key(item))
            if candidates:
                match = candidates.pop(0)
                pairs.append((item, match, 1.0 if item.key == match.key else _similarity(item, match)))
                old_left.remove(item)
                new_left.remove(match)

    pair_by(lambda i: (i.key, i.element))
    pair_by(lambda i: i.key)
    pair_by(lambda i: (i.id, i.element))
    candidates = sorted(
        ((_similarity(o, n), k, m) for k, o in enumerate(old_left) for m, n in enumerate(new_left)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for score, k, m in candidates:
        if score < RENAME_SIMILARITY:
            break
        if k not in taken_old and m not in taken_new:
            taken_old.add(k)
            taken_new.add(m)
            pairs.append((old_left[k], new_left[m], score))
    old_left = [o for k, o in enumerate(old_left) if k not in taken_old]
    new_left = [n for m, n in enumerate(new_left) if m not in taken_new]

    renamed, reparented, targets_changed, unchanged = [], [], [], 0
    for o, n, score in pairs:
        changed = False
        if o.key != n.key:
            renamed.append(Renamed(old=o.ref(), new=n.ref(), similarity=round(score, 3)))
            changed = True
        if o.place != n.place:
            reparented.append(Reparented(old=o.ref(), new=n.ref(), old_parent=o.place, new_parent=n.place))
            changed = True
        changes = [
            TargetChange(year=y, old=o.targets.get(y), new=n.targets.get(y))
            for y in sorted(set(o.targets) | set(n.targets)) if o.targets.get(y) != n.targets.get(y)
        ]
        if changes:
            targets_changed.append(TargetsChanged(indicator=n.ref(), changes=changes))
            changed = True
        unchanged += not changed
    return CascadeDiff(
        cascade=cascade_id, base=base, against=against,
        added=[n.ref() for n in new_left], removed=[o.ref() for o in old_left],
        renamed=renamed, reparented=reparented, targets_changed=targets_changed, unchanged=unchanged,
    )


def _similarity(a: _Ind, b: _Ind) -> float:
    return SequenceMatcher(None, a.key, b.key).ratio()
