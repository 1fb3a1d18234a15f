"""The bad-input corpus (tests/bad_inputs/manifest.yaml), ready to run: each input's file on disk
(generated ones made under a folder the test gives) and what its refusal must say."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.bad_inputs.generate import MAKERS, make
from tests.support.paths import REPO_ROOT

CORPUS = REPO_ROOT / "tests" / "bad_inputs"
#: Suffixes `lineage load` and `lineage validate` read as cascade files (the others they refuse
#: as what they are not: YAML that is no cascade, or not UTF-8 text).
CASCADE_SUFFIXES = (".yaml", ".yml", ".json")
#: How a refusal names a place: a line (file:12:), a row or column, a sheet, a field.
LOCATION = re.compile(r":\d+:|\brow \d+|\bcolumn [A-Z]+|\bsheet \S+|\bline \d+")


@dataclass(frozen=True)
class BadInput:
    file: str
    path: Path
    why: str
    where: str | None
    limit: str | None = None
    env: dict[str, object] = field(default_factory=dict)
    status: int = 422

    @property
    def is_cascade_file(self) -> bool:
        return self.path.suffix in CASCADE_SUFFIXES

    def __str__(self) -> str:
        return f"{self.file} ({self.why})"


def manifest() -> list[dict[str, object]]:
    entries = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


def committed_files() -> list[str]:
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*") if p.suffix not in (".py", ".pyc"))


def bad_inputs(generated: Path) -> list[BadInput]:
    """Every input of the manifest; the generated ones written under `generated`."""
    make(generated)
    inputs = []
    for entry in manifest():
        name = str(entry["file"])
        inputs.append(
            BadInput(
                file=name,
                path=(generated if name in MAKERS else CORPUS) / name,
                why=str(entry["why"]),
                where=entry.get("where"),
                limit=entry.get("limit"),
                env=dict(entry.get("env") or {}),
                status=int(entry.get("status", 422)),
            )
        )
    return inputs
