"""What changed between two versions of a cascade: indicators added, removed, renamed (matched
by a fuzzy comparison of their names), re-parented, and targets changed.

Why names and not ids: ids of imported indicators are derived from where they sit (their
element's code and their order in it), and a planner's revision renames, moves and reorders.
Indicators are paired in rounds, most certain first: the same name in the same element; the same
name anywhere (a moved indicator); the same id with a similar name; then the most similar names
left (a renamed one, at a similarity of at least `RENAME_SIMILARITY`). What stays unpaired was
removed or added.

Why it is bounded: the endpoint is open to anyone and a cascade may hold 100,000 indicators.
The exact rounds pair through dictionaries (linear in the size of the versions); the rename
round scores every pair of the indicators still unpaired, so it compares at most
`MAX_RENAME_CANDIDATES` of each side (the first, in file order) and says so when there were
more; and each list of the answer shows at most `limit` items, with the count of all of them.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from neo4j import Driver
from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from lineage.cascade.model import ElementKind
from lineage.pins import Reading, read
from lineage.text import fold
from lineage.versions import VersionInfo, version_in

#: The least similarity (0-1: rapidfuzz's ratio of the folded names, 2 x the characters they share
#: in order / their total length) for "renamed" rather than "one removed, another added".
RENAME_SIMILARITY = 0.75
#: The most indicators left unpaired on each side that the rename round compares: it scores every
#: pair of them (1,000 x 1,000 names in ~0.3 s); beyond it, the first ones in file order.
MAX_RENAME_CANDIDATES = 1_000
#: Items listed per kind of change when the caller does not say, and the most it may ask for.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1_000


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


class DiffCounts(BaseModel):
    """How many of each kind of change there are, whether or not all are listed."""

    added: int
    removed: int
    renamed: int
    reparented: int
    targets_changed: int


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
    counts: DiffCounts = Field(description="The number of each kind of change; a list shows at most `limit` of them.")
    limit: int | None = Field(description="The most items each list shows (null: all).")
    truncated: bool = Field(description="True when a list shows fewer items than its count.")
    renames_capped: bool = Field(
        description=f"True when more than {MAX_RENAME_CANDIDATES} indicators were left unpaired on a side: only the "
        "first ones (file order) were compared for renames, so a rename among the others is listed as one "
        "indicator removed and another added."
    )


@dataclass(frozen=True)
class VersionIndicator:
    """One indicator of a version, as the comparison sees it."""

    id: str
    uid: str
    name: str
    element: str | None = None
    element_parent: str | None = None
    level: ElementKind | None = None
    targets: dict[int, float] = field(default_factory=dict)

    @cached_property
    def key(self) -> str:
        """The name as compared: case, accents and runs of spaces left out."""
        return fold(self.name)

    def ref(self) -> DiffIndicator:
        return DiffIndicator(id=self.uid, name=self.name, element=self.element, level=self.level)

    @property
    def place(self) -> str | None:
        return f"{self.element} under {self.element_parent}" if self.element_parent else self.element


def diff_versions(
    driver: Driver,
    cascade_id: str,
    against: str,
    version: str | None = None,
    *,
    limit: int | None = DEFAULT_LIMIT,
    database: str | None = None,
) -> CascadeDiff:
    """The changes from version `against` to `version` (default: the current one); each list
    holds at most `limit` items (None: all). Both versions are read in one read transaction, and
    checked readable at its end (`lineage.pins`): a version dropped meanwhile is read again, or
    answers 404."""

    def ask(reading: Reading) -> tuple[VersionInfo, VersionInfo, list[VersionIndicator], list[VersionIndicator]]:
        base_info = version_in(reading, cascade_id, version)
        against_info = version_in(reading, cascade_id, against)
        reading.saw([(cascade_id, base_info.load), (cascade_id, against_info.load)])
        new = _indicators(reading, cascade_id, base_info.load)
        old = _indicators(reading, cascade_id, against_info.load)
        return base_info, against_info, old, new

    (base_info, against_info, old, new), _ = read(driver, ask, database=database, several_loads=True)
    return compare(cascade_id, base_info, against_info, old, new, limit=limit)


def _indicators(reading: Reading, cascade_id: str, load: str) -> list[VersionIndicator]:
    records = reading.rows("version_indicators", cascade=cascade_id, load=load)
    out = []
    for r in records:
        ind, element, parent = r["indicator"], r["element"], r["parent"]
        figures = json.loads(ind.get("data_json") or "{}")
        out.append(
            VersionIndicator(
                id=ind["id"],
                uid=ind["uid"],
                name=ind["name"],
                element=_label(element),
                element_parent=_label(parent) or (element or {}).get("external_parent"),
                level=ElementKind(element["kind"]) if element else None,
                targets={int(y): m["value"] for y, m in figures.get("targets", {}).items()},
            )
        )
    return out


def _label(element: dict[str, Any] | None) -> str | None:
    if not element:
        return None
    label: str = element.get("code") or element["name"]
    return label


def compare(
    cascade_id: str,
    base: VersionInfo,
    against: VersionInfo,
    old: list[VersionIndicator],
    new: list[VersionIndicator],
    *,
    limit: int | None = None,
) -> CascadeDiff:
    """The pairing rounds (see the module's docstring), then what each pair changed."""
    pairing = _Pairing(old, new)
    pairing.by_key(lambda i: (i.key, i.element))
    pairing.by_key(lambda i: i.key)
    pairing.by_key(lambda i: (i.id, i.element))
    renames_capped = pairing.by_similar_names()

    renamed, reparented, targets_changed, unchanged = [], [], [], 0
    for o, n, score in pairing.pairs:
        changed = False
        if o.key != n.key:
            renamed.append(Renamed(old=o.ref(), new=n.ref(), similarity=round(score, 3)))
            changed = True
        if o.place != n.place:
            reparented.append(Reparented(old=o.ref(), new=n.ref(), old_parent=o.place, new_parent=n.place))
            changed = True
        changes = [
            TargetChange(year=y, old=o.targets.get(y), new=n.targets.get(y))
            for y in sorted(set(o.targets) | set(n.targets))
            if o.targets.get(y) != n.targets.get(y)
        ]
        if changes:
            targets_changed.append(TargetsChanged(indicator=n.ref(), changes=changes))
            changed = True
        unchanged += not changed
    added = [new[m] for m in pairing.new_left]
    removed = [old[k] for k in pairing.old_left]
    lists: dict[str, list[Any]] = {
        "added": added,
        "removed": removed,
        "renamed": renamed,
        "reparented": reparented,
        "targets_changed": targets_changed,
    }
    shown = {kind: items[:limit] for kind, items in lists.items()}
    return CascadeDiff(
        cascade=cascade_id,
        base=base,
        against=against,
        added=[n.ref() for n in shown["added"]],
        removed=[o.ref() for o in shown["removed"]],
        renamed=shown["renamed"],
        reparented=shown["reparented"],
        targets_changed=shown["targets_changed"],
        unchanged=unchanged,
        counts=DiffCounts(**{kind: len(items) for kind, items in lists.items()}),
        limit=limit,
        truncated=any(len(shown[kind]) < len(items) for kind, items in lists.items()),
        renames_capped=renames_capped,
    )


class _Pairing:
    """The rounds, over the positions of the indicators in `old` and `new`: each is paired at
    most once, and what is left unpaired keeps its order (dicts as ordered sets)."""

    def __init__(self, old: list[VersionIndicator], new: list[VersionIndicator]) -> None:
        self.old, self.new = old, new
        self.old_left: dict[int, None] = dict.fromkeys(range(len(old)))
        self.new_left: dict[int, None] = dict.fromkeys(range(len(new)))
        self.pairs: list[tuple[VersionIndicator, VersionIndicator, float]] = []

    def _pair(self, k: int, m: int, score: float) -> None:
        del self.old_left[k], self.new_left[m]
        self.pairs.append((self.old[k], self.new[m], score))

    def by_key(self, key: Callable[[VersionIndicator], Hashable]) -> None:
        """Pairs each unpaired old indicator with the first unpaired new one of the same key."""
        waiting: dict[Hashable, deque[int]] = defaultdict(deque)
        for m in self.new_left:
            waiting[key(self.new[m])].append(m)
        for k in list(self.old_left):
            candidates = waiting.get(key(self.old[k]))
            if candidates:
                m = candidates.popleft()
                o, n = self.old[k], self.new[m]
                self._pair(k, m, 1.0 if o.key == n.key else fuzz.ratio(o.key, n.key) / 100)

    def by_similar_names(self) -> bool:
        """Pairs the most similar names left, best first; True when there were more unpaired
        indicators on a side than it compares."""
        olds, news = list(self.old_left)[:MAX_RENAME_CANDIDATES], list(self.new_left)[:MAX_RENAME_CANDIDATES]
        capped = len(olds) < len(self.old_left) or len(news) < len(self.new_left)
        choices = [self.new[m].key for m in news]
        candidates = sorted(
            (-score, k, news[j])
            for k in olds
            for _, score, j in process.extract(
                self.old[k].key, choices, scorer=fuzz.ratio, score_cutoff=RENAME_SIMILARITY * 100, limit=None
            )
        )
        for negative_score, k, m in candidates:
            if k in self.old_left and m in self.new_left:
                self._pair(k, m, -negative_score / 100)
        return capped
