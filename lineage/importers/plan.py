"""The plan as a reader finds it: goals, targets, programs, kegiatan and sub kegiatan with their
indicators, per agency, each with where it was read.

Why a plan between the sources and the model: a spreadsheet, a CSV export per table, a SQL dump
and a SIPD export describe the same plan in different shapes. Each reader only says what it found
(and where, for the report); ids, positions, ordering and the split into cascades are decided
once, from the plan (`lineage.importers.to_cascade`), so the same plan gives the same graph
whatever it came in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lineage.cascade.errors import Problem
from lineage.cascade.model import ElementKind, IndicatorType, Measure, Period, Polarity

#: The closing hints of a refusal, by what went wrong.
FIX_ROWS = "Fix these rows, or pass --skip-invalid (skip_invalid=true) to load the others."
MAP_COLUMNS = (
    "Map the columns: --map 'HEADER=FIELD', or --map C=FIELD by column letter (docs/import.md lists the fields)."
)
GIVE_CONTEXT = "Give what the source does not state: --agency, --region, --period."
FIX_SOURCE = "Fix the file (or export it again) and import it again."


@dataclass(frozen=True)
class Where:
    """Where something was read: file, sheet or table, row as the source numbers it, column."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None = None

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.row, "", message, self.sheet, self.column)

    def at(self, column: str | None) -> Where:
        return Where(self.file, self.sheet, self.row, column)


@dataclass
class PlanIndicator:
    name: str
    where: Where
    unit: str | None = None
    type: IndicatorType | None = None
    polarity: Polarity | None = None
    definition: str | None = None
    formula: str | None = None
    data_source: str | None = None
    frequency: str | None = None
    baseline: Measure | None = None
    baseline_year: int | None = None
    targets: dict[int, Measure] = field(default_factory=dict)
    #: (year, quarter or None) -> value
    realisations: dict[tuple[int, int | None], Measure] = field(default_factory=dict)

    def figures(self) -> tuple[object, ...]:
        """What must agree when two rows (two agencies' sheets) state the same indicator."""
        return (self.unit, self.baseline, self.targets, self.realisations, self.polarity, self.type)


@dataclass(eq=False)
class PlanNode:
    kind: ElementKind
    name: str
    where: Where
    code: str | None = None
    #: None for the goals, which agencies share.
    agency: str | None = None
    parent: PlanNode | None = None
    responsible: str | None = None
    #: What the source says besides the name (a program's "sasaran program"), kept as the note.
    note: str | None = None
    #: For a tujuan: the RPJMD sasaran it serves, by name (a sheet's "Sasaran RPJMD") and/or by
    #: code (SIPD's `kode_sasaran_rpjm`).
    serves_name: str | None = None
    serves_code: str | None = None
    budget: dict[int, float] = field(default_factory=dict)
    indicators: list[PlanIndicator] = field(default_factory=list)
    children: list[PlanNode] = field(default_factory=list)

    def describe(self) -> str:
        return f"{self.kind.value.replace('_', ' ')} {self.code or repr(self.name[:60])}"


@dataclass(frozen=True)
class UnreadColumn:
    """A column of the source no field takes, and why: the report lists each one."""

    sheet: str
    #: The column as the source names it: a letter (C) in a sheet, a name in a table.
    column: str
    header: str
    reason: str

    def __str__(self) -> str:
        header = f" ({self.header})" if self.header and self.header != self.column else ""
        return f"{self.sheet}: column {self.column}{header}: {self.reason}"


@dataclass
class Plan:
    """What one source holds; `problems` are the rows that could not be read (one per row at most
    for the report's "skipped" list; a row may have several)."""

    source: str
    region: str | None = None
    period: Period | None = None
    #: agency name -> its sasaran (top nodes of the agency), in order of appearance
    agencies: dict[str, list[PlanNode]] = field(default_factory=dict)
    #: the tujuan, in order of appearance: an agency's goals, or the region's when several
    #: agencies' targets serve the same one (`lineage.importers.to_cascade` decides)
    goals: list[PlanNode] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: rows left out on purpose (totals, blank), with why: reported, not errors
    notes: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    #: columns no field takes, with why
    unread_columns: list[UnreadColumn] = field(default_factory=list)
    #: what to do about the problems, one hint per kind of problem
    hints: list[str] = field(default_factory=list)

    def refuse(self, problems: Iterable[Problem], hint: str = FIX_ROWS) -> None:
        """Problems that keep rows (or the whole source) out, and what to do about them."""
        added = list(problems)
        self.problems.extend(added)
        if added and hint not in self.hints:
            self.hints.append(hint)

    def add_child(self, parent: PlanNode | None, node: PlanNode) -> None:
        """An agency's targets are listed under the agency, not under the goal they serve: the goals
        may go into another cascade (the region's), shared by several agencies."""
        node.parent = parent
        if node.kind is ElementKind.agency_goal:
            self.goals.append(node)
        elif node.kind is ElementKind.agency_target or parent is None or parent.kind is ElementKind.agency_goal:
            self.agencies.setdefault(node.agency or "", []).append(node)
        else:
            parent.children.append(node)
