"""The matriks cascading as XLSX: one row per indicator (IK), with every level's box beside it.

The sheet is laid out as government cascading matrices are: title rows (the table, the agency,
the region, the period), a two-row header, then per level its code and its name (Tujuan, Sasaran,
Program, Kegiatan, Sub Kegiatan), and per row the indicator, its unit, its baseline (Kondisi
Awal), its target per year and the pagu per year of its box, and the position that owns the box.
A box's cells are merged down the rows of its indicators and of everything under it, so the
matrix reads like the tree it is; printed, it fits the width of an A3 landscape page and repeats
its header on every page.

It is written for `lineage import` to read back (docs/import.md, "Cascading matrix"): a merged
level cell is "the same as above", a row names the box its indicator belongs to, a box without
indicator still has its row, a box's pagu is written on its first row only (a column total is the
budget). What the matrix cannot say is listed by `limits()`: explicit indicator links that are not
the box-to-box default, an indicator's own owner, indicators of no box, realisations.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lineage.cascade.model import Cascade, Element, ElementKind, Indicator
from lineage.cascade.vocabulary import Tier
from lineage.language import DEFAULT, Lang

#: The header of each level's name column, as planners' sheets write it (and the importer reads).
LEVEL_HEADERS = {
    ElementKind.mayor_goal: "Tujuan",
    ElementKind.agency_goal: "Tujuan PD",
    ElementKind.agency_target: "Sasaran",
    ElementKind.program: "Program",
    ElementKind.kegiatan: "Kegiatan",
    ElementKind.sub_kegiatan: "Sub Kegiatan",
}
#: Titles and the headers of the other columns, in Indonesian (what the importer reads) with an
#: English gloss when asked for.
WORDS = {
    Lang.id: {
        "title": "MATRIKS CASCADING KINERJA",
        "renstra": "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN",
        "period": "PERIODE",
        "version": "Versi",
        "printed": "Dicetak",
    },
    Lang.en: {
        "title": "MATRIKS CASCADING KINERJA (PERFORMANCE CASCADE MATRIX)",
        "renstra": "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN (RENSTRA PROGRAMMES, ACTIVITIES AND FUNDING)",
        "period": "PERIODE",
        "version": "Version",
        "printed": "Printed",
    },
}
HEADER_FILL = PatternFill("solid", start_color="DCE3EC")
THIN = Side(style="thin", color="7F8C9A")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOP_LEFT = Alignment(vertical="top", wrap_text=True)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
#: Column widths (characters) by what they hold.
WIDTHS = {"code": 13, "name": 30, "indicator": 36, "unit": 10, "figure": 11, "budget": 15, "owner": 26}
#: Rows above the header: the table's title, the agency, the region, the period (and version).
TITLE_ROWS = 5


@dataclass(frozen=True)
class Column:
    #: what the column holds: "<kind>.code", "<kind>.name", "indicator", "unit", "baseline",
    #: "target", "budget", "owner"
    field: str
    header: str
    #: the header row above (a group over several columns: "Target Kinerja" over the years)
    group: str | None = None
    year: int | None = None
    width: int = 12


#: The tier an import gives the owner of a level's box when its Penanggung Jawab names a unit, not a
#: position (docs/import.md, "What an import makes": "Eselon III, Bidang Koperasi").
UNIT_TIER = {
    ElementKind.program: Tier.eselon_iii,
    ElementKind.kegiatan: Tier.eselon_iv,
    ElementKind.sub_kegiatan: Tier.staff,
}
#: The levels the Renstra table writes in one code column and one name column, the level told by
#: the code (Permendagri 86/2017, table T-C.27).
CODED_LEVELS = (ElementKind.program, ElementKind.kegiatan, ElementKind.sub_kegiatan)
Layout = Literal["matrix", "renstra"]


@dataclass
class Sheet:
    """What one cascade's matrix holds, before it is written: columns and rows of cell values,
    and the merged ranges of the boxes (column index, first row, last row; rows from 0)."""

    cascade: Cascade
    columns: list[Column]
    layout: Layout = "matrix"
    rows: list[list[object]] = field(default_factory=list)
    merges: list[tuple[int, int, int]] = field(default_factory=list)


def matrix_workbook(
    cascades: list[Cascade],
    *,
    context: list[Cascade] | None = None,
    lang: Lang = DEFAULT,
    printed: str = "",
    layout: Layout = "matrix",
) -> bytes:
    """One sheet per cascade (an agency's Renstra, or several agencies of one region), as XLSX.

    `context`: other cascades (the region's RPJMD) whose elements top boxes serve
    (`external_parent`): each such goal is written in the Tujuan column with its indicators, as an
    agency's sheet of a Renstra names the region's goal it serves."""
    outside = {
        f"{c.id}:{e.id}": (e, [i for i in c.indicators if i.measures == e.id])
        for c in context or []
        for e in c.elements
    }
    book = Workbook()
    book.remove(book.active)
    for cascade in cascades:
        sheet = build_sheet(cascade, outside, layout)
        _write(book.create_sheet(_sheet_title(cascade, book)), sheet, lang, printed)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def limits(cascade: Cascade, layout: Layout = "matrix") -> list[str]:
    """What of `cascade` the sheet cannot hold, in sentences (empty: it holds all of it)."""
    out = []
    uncoded = [e.id for e in cascade.elements if e.kind in CODED_LEVELS and not e.code]
    if layout == "renstra" and uncoded:
        out.append(
            f"{len(uncoded)} program(s), kegiatan or sub kegiatan have no code, which the Renstra table needs to "
            f"tell their level (export the matrix instead): {', '.join(uncoded[:5])}"
        )
    unplaced = [i.id for i in cascade.indicators if not i.measures]
    if unplaced:
        out.append(f"{len(unplaced)} indicator(s) measure no element and have no row: {', '.join(unplaced[:5])}")
    explicit = [i.id for i in cascade.indicators if i.contributes_to is not None]
    if explicit:
        out.append(
            f"{len(explicit)} indicator(s) name the indicators they roll up into (contributes_to); the matrix "
            f"rolls every indicator up into those of the box above: {', '.join(explicit[:5])}"
        )
    owned = [i.id for i in cascade.indicators if i.owner]
    if owned:
        out.append(f"{len(owned)} indicator(s) have an owner other than their box's: {', '.join(owned[:5])}")
    if any(i.realisations for i in cascade.indicators):
        out.append("realisations are not in the matrix (GET /indicators/{id}/series has them)")
    return out


Outside = dict[str, tuple[Element, list[Indicator]]]


def build_sheet(cascade: Cascade, outside: Outside, layout: Layout = "matrix") -> Sheet:
    columns = _columns(cascade) if layout == "matrix" else _renstra_columns(cascade)
    sheet = Sheet(cascade, columns, layout)
    index = {column.field + (f":{column.year}" if column.year else ""): n for n, column in enumerate(columns)}
    if layout == "renstra":  # one code and one name column for the coded levels
        for kind in CODED_LEVELS:
            index[f"{kind.value}.code"], index[f"{kind.value}.name"] = index["code"], index["name"]
    children, indicators = _tree(cascade)
    owners = {p.id: p.name for p in cascade.positions}
    served: dict[str, list[Element]] = {}
    for top in children.get(None, []):
        served.setdefault(top.external_parent or "", []).append(top)
    for goal, tops in served.items():
        first = len(sheet.rows)
        if goal and "outside.name" in index:
            _goal_rows(sheet, goal, outside, index, owners)
        for top in tops:
            _element_rows(sheet, top, children, indicators, owners, index)
        if goal and "outside.name" in index and len(sheet.rows) - 1 > first:
            sheet.merges.append((index["outside.name"], first, len(sheet.rows) - 1))
    return sheet


def _tree(cascade: Cascade) -> tuple[dict[str | None, list[Element]], dict[str, list[Indicator]]]:
    """Each element's children and each element's indicators, in the file's order."""
    children: dict[str | None, list[Element]] = {}
    for element in cascade.elements:
        children.setdefault(element.parent, []).append(element)
    indicators: dict[str, list[Indicator]] = {}
    for indicator in cascade.indicators:
        if indicator.measures:
            indicators.setdefault(indicator.measures, []).append(indicator)
    return children, indicators


def _goal_rows(sheet: Sheet, goal: str, outside: Outside, index: dict[str, int], owners: dict[str, str]) -> None:
    """The goal of another cascade that the boxes below serve: its name and its indicators."""
    element, of_goal = outside.get(goal, (None, []))
    first = len(sheet.rows)
    for indicator in of_goal:
        sheet.rows.append(_row(len(sheet.columns), index, None, indicator, owners))
    if not of_goal:
        sheet.rows.append([None] * len(sheet.columns))
    sheet.rows[first][index["outside.name"]] = element.name if element else goal


def _columns(cascade: Cascade) -> list[Column]:
    kinds = {e.kind for e in cascade.elements}
    coded = {e.kind for e in cascade.elements if e.code}
    columns: list[Column] = []
    if any(e.external_parent for e in cascade.elements if not e.parent) and ElementKind.mayor_goal not in kinds:
        columns.append(Column("outside.name", LEVEL_HEADERS[ElementKind.mayor_goal], width=WIDTHS["name"]))
    for kind in ElementKind:
        if kind not in kinds:
            continue
        if kind in coded:
            columns.append(Column(f"{kind.value}.code", f"Kode {LEVEL_HEADERS[kind]}", width=WIDTHS["code"]))
        columns.append(Column(f"{kind.value}.name", LEVEL_HEADERS[kind], width=WIDTHS["name"]))
    columns += [
        Column("indicator", "Indikator Kinerja", width=WIDTHS["indicator"]),
        Column("unit", "Satuan", width=WIDTHS["unit"]),
        Column("baseline", "Kondisi Awal", width=WIDTHS["figure"]),
    ]
    target_years = sorted(
        set(range(cascade.period.start, cascade.period.end + 1)) | {y for i in cascade.indicators for y in i.targets}
    )
    columns += [Column("target", str(y), group="Target Kinerja", year=y, width=WIDTHS["figure"]) for y in target_years]
    budget_years = sorted({y for e in cascade.elements for y in e.budget})
    columns += [
        Column("budget", str(y), group="Pagu Indikatif (Rp)", year=y, width=WIDTHS["budget"]) for y in budget_years
    ]
    columns.append(Column("owner", "Penanggung Jawab", width=WIDTHS["owner"]))
    return columns


def _renstra_columns(cascade: Cascade) -> list[Column]:
    """Table T-C.27: Tujuan, Sasaran, Kode, Program/Kegiatan/Sub Kegiatan, Indikator, Satuan,
    Kondisi Kinerja Awal, then per year its target and its pagu (Rp) under "Tahun <year>", and
    the responsible unit."""
    goals = [k for k in (ElementKind.mayor_goal, ElementKind.agency_goal) if any(e.kind is k for e in cascade.elements)]
    columns = [Column(f"{kind.value}.name", LEVEL_HEADERS[kind], width=WIDTHS["name"]) for kind in goals]
    if not goals:
        columns.append(Column("outside.name", "Tujuan", width=WIDTHS["name"]))
    columns += [
        Column("agency_target.name", "Sasaran", width=WIDTHS["name"]),
        Column("code", "Kode", width=WIDTHS["code"] + 4),
        Column("name", "Program, Kegiatan dan Sub Kegiatan", width=WIDTHS["name"] + 6),
        Column("indicator", "Indikator Kinerja Program (Outcome) dan Kegiatan (Output)", width=WIDTHS["indicator"]),
        Column("unit", "Satuan", width=WIDTHS["unit"]),
        Column("baseline", "Kondisi Kinerja Awal", width=WIDTHS["figure"]),
    ]
    years = set(range(cascade.period.start, cascade.period.end + 1))
    years |= {y for i in cascade.indicators for y in i.targets} | {y for e in cascade.elements for y in e.budget}
    for year in sorted(years):
        columns.append(Column("target", "Target", group=f"Tahun {year}", year=year, width=WIDTHS["figure"]))
        columns.append(Column("budget", "Rp", group=f"Tahun {year}", year=year, width=WIDTHS["budget"]))
    columns.append(Column("owner", "Unit Kerja Perangkat Daerah Penanggung Jawab", width=WIDTHS["owner"]))
    return columns


def _element_rows(
    sheet: Sheet,
    element: Element,
    children: dict[str | None, list[Element]],
    indicators: dict[str, list[Indicator]],
    owners: dict[str, str],
    index: dict[str, int],
) -> None:
    """The rows of `element`'s indicators (one row when it has none), then its children's; its
    code and name cells merged down all of them."""
    first = len(sheet.rows)
    for n, indicator in enumerate(indicators.get(element.id) or [None]):
        sheet.rows.append(_row(len(sheet.columns), index, element if n == 0 else None, indicator, owners))
    for child in children.get(element.id, []):
        _element_rows(sheet, child, children, indicators, owners, index)
    last = len(sheet.rows) - 1
    if last > first and not (sheet.layout == "renstra" and element.kind in CODED_LEVELS):
        sheet.merges.append((index[f"{element.kind.value}.name"], first, last))
        if f"{element.kind.value}.code" in index:
            sheet.merges.append((index[f"{element.kind.value}.code"], first, last))


def _row(
    width: int, index: dict[str, int], element: Element | None, indicator: Indicator | None, owners: dict[str, str]
) -> list[object]:
    """One row: the box's cells when it is the box's first row (`element`), and its indicator's."""
    row: list[object] = [None] * width
    if element is not None:
        row[index[f"{element.kind.value}.name"]] = element.name
        if element.code and f"{element.kind.value}.code" in index:
            row[index[f"{element.kind.value}.code"]] = element.code
        for year, amount in element.budget.items():
            row[index[f"budget:{year}"]] = amount
        if element.owner:
            row[index["owner"]] = responsible(element, owners.get(element.owner, element.owner))
    if indicator is not None:
        row[index["indicator"]] = indicator.name
        row[index["unit"]] = indicator.unit
        row[index["baseline"]] = indicator.baseline.value if indicator.baseline else None
        for year, target in indicator.targets.items():
            row[index[f"target:{year}"]] = target.value
    return row


def responsible(element: Element, owner: str) -> str:
    """The Penanggung Jawab cell: the owner's name, less the tier the importer puts before a unit
    that names no position ("Eselon III, Bidang Koperasi" is written "Bidang Koperasi", which
    imports as that position again)."""
    tier = UNIT_TIER.get(element.kind)
    usual = f"{tier.label}, " if tier else None
    return owner.removeprefix(usual) if usual and owner.startswith(usual) and len(owner) > len(usual) else owner


# -- writing -------------------------------------------------------------------------------------


def _sheet_title(cascade: Cascade, book: Workbook) -> str:
    """A sheet's name: the agency (Excel allows 31 characters, no []:*?/\\), unique in the book."""
    base = "".join(c for c in cascade.agency if c not in "[]:*?/\\")[:28].strip() or "Cascading"
    name, n = base, 2
    while name in book.sheetnames:
        name, n = f"{base[:25]} ({n})", n + 1
    return name


def _write(ws: Worksheet, sheet: Sheet, lang: Lang, printed: str) -> None:
    words = WORDS[lang]
    cascade = sheet.cascade
    width = len(sheet.columns)
    last_column = get_column_letter(width)
    titles = [
        words["title"] if sheet.layout == "matrix" else words["renstra"],
        cascade.agency.upper(),
        cascade.region.upper(),
        f"{words['period']} {cascade.period}",
        "  ".join(
            filter(
                None,
                [
                    f"{words['version']}: {cascade.version}" if cascade.version else None,
                    printed and f"{words['printed']}: {printed}",
                ],
            )
        ),
    ]
    for n, text in enumerate(titles, 1):
        _put(ws, n, 1, text or None).font = Font(bold=n <= 4, size=14 if n == 1 else 11)
        ws.merge_cells(f"A{n}:{last_column}{n}")
        ws.cell(row=n, column=1).alignment = Alignment(horizontal="center")
    head = TITLE_ROWS + 1
    _header(ws, sheet.columns, head)
    first_data = head + 2
    for r, values in enumerate(sheet.rows):
        for c, value in enumerate(values):
            cell = _put(ws, first_data + r, c + 1, value)
            cell.border = BORDER
            cell.alignment = TOP_LEFT
            column = sheet.columns[c]
            if column.field == "budget":
                cell.number_format = "#,##0"
            elif column.field in ("target", "baseline"):
                cell.number_format = "#,##0.##"
    for c, top, bottom in sheet.merges:
        ws.merge_cells(start_row=first_data + top, start_column=c + 1, end_row=first_data + bottom, end_column=c + 1)
    for n, column in enumerate(sheet.columns, 1):
        ws.column_dimensions[get_column_letter(n)].width = column.width
    last_row = first_data + max(len(sheet.rows), 1) - 1
    _print_setup(ws, f"A1:{last_column}{last_row}", head, first_data)


def _put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """The cell at (row, column) holding `value`, text always as text: openpyxl takes a string
    beginning with "=" for a formula, and a name from the data must never become one (Excel
    evaluates formulas when the file is opened: "=HYPERLINK(...)" would be a live link)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _header(ws: Worksheet, columns: list[Column], row: int) -> None:
    """Two header rows: a group over its columns ("Target Kinerja" over the years), every other
    header merged down both rows."""
    n = 0
    while n < len(columns):
        column = columns[n]
        if column.group:
            end = n
            while end + 1 < len(columns) and columns[end + 1].group == column.group:
                end += 1
            ws.cell(row=row, column=n + 1, value=column.group)
            if end > n:
                ws.merge_cells(start_row=row, start_column=n + 1, end_row=row, end_column=end + 1)
            for k in range(n, end + 1):
                ws.cell(row=row + 1, column=k + 1, value=columns[k].header)
            n = end + 1
        else:
            ws.cell(row=row, column=n + 1, value=column.header)
            ws.merge_cells(start_row=row, start_column=n + 1, end_row=row + 1, end_column=n + 1)
            n += 1
    for r in (row, row + 1):
        for c in range(1, len(columns) + 1):
            cell = ws.cell(row=r, column=c)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = CENTRED


def _print_setup(ws: Worksheet, area: str, header_row: int, first_data: int) -> None:
    """As government sheets print: A3 landscape, the width of one page, the header on every page."""
    ws.print_area = area
    ws.print_title_rows = f"{header_row}:{header_row + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.freeze_panes = ws.cell(row=first_data, column=1)
    ws.oddFooter.center.text = "&P / &N"
