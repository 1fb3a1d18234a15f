"""The one shape of an audit finding, shared by the offline and the database path, the API, the
CLI and every report format (JSON, CSV, Markdown, HTML, text).

Why one model: the tests prove the two paths agree by comparing these objects, and the UI badges
boxes by the node ids listed here, whichever path produced them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr, computed_field

from lineage.answers import PositionRef
from lineage.audit.rules import Category, Severity
from lineage.cascade.model import ElementKind
from lineage.language import Lang


@dataclass(frozen=True)
class Detected:
    """What a detector found, before it is worded: a rule and the node ids (uids) involved."""

    rule: str
    nodes: tuple[str, ...]
    #: cycles: the closed path of uids
    path: tuple[str, ...] | None = None
    #: duplicates: how alike (0-1)
    score: float | None = None


class FindingNode(BaseModel):
    id: str = Field(description="Global id: cascade id, colon, id in the cascade file.")
    local_id: str = Field(description="The id written in the cascade file.")
    type: Literal["element", "indicator"]
    kind: ElementKind | None = Field(
        None, description="The element's level; for an indicator, the level of the element it measures."
    )
    name: str
    code: str | None = None
    element: str | None = Field(None, description="Indicators: the id of the element (box) it measures.")
    owner: PositionRef | None = None


class Finding(BaseModel):
    id: str = Field(
        description="Stable id: the rule and a hash of the node ids; the same problem keeps its id across loads."
    )
    rule: str
    severity: Severity
    category: Category
    cascade: str
    message: str
    fix: str
    nodes: list[FindingNode] = Field(description="The elements and indicators involved, with their owners.")
    path: list[str] | None = Field(None, description="Cycles: the closed path of node ids.")
    score: float | None = Field(None, description="Duplicates: how alike the names are, 0 to 1.")
    #: (message, fix) in each language; `message` and `fix` above are one of them
    _texts: dict[Lang, tuple[str, str]] = PrivateAttr(default_factory=dict)

    def worded(self, texts: dict[Lang, tuple[str, str]]) -> Finding:
        """This finding, knowing its message and fix in each language of `texts`."""
        self._texts = dict(texts)
        return self

    def in_language(self, lang: Lang) -> Finding:
        """This finding with its message and fix in `lang` (as it is, when only one is known)."""
        if lang not in self._texts:
            return self
        message, fix = self._texts[lang]
        return self.model_copy(update={"message": message, "fix": fix})


class CascadeAudited(BaseModel):
    id: str
    agency: str | None = None
    region: str | None = None
    load: str | None = Field(None, description="Database path: the load that was audited.")
    elements: int
    indicators: int


class AuditReport(BaseModel):
    source: Literal["file", "database"]
    generated_at: datetime
    cascades: list[CascadeAudited]
    findings: list[Finding]

    def in_language(self, lang: Lang) -> AuditReport:
        return self.model_copy(update={"findings": [f.in_language(lang) for f in self.findings]})

    @computed_field(description="Findings per rule.")  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(finding.rule for finding in self.findings))

    @computed_field(description="Findings per severity.")  # type: ignore[prop-decorator]
    @property
    def severities(self) -> dict[str, int]:
        return dict(Counter(finding.severity.value for finding in self.findings))


class AuditPage(BaseModel):
    items: list[Finding]
    total: int = Field(description="Findings matching the filters, over all pages.")
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last page.")
