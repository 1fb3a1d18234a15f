"""A diagram as Graphviz DOT: one row per cascade level, labelled like the source diagram.

Text is wrapped to a chosen box width: narrow boxes let a wide row (Makassar has twelve sub
kegiatan side by side) fit across the page, wide ones keep tall boxes from overflowing it
downwards (see `graphviz.render`). Every text from the data is escaped, never pasted raw into
the DOT source.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from html import escape as escape_markup

from lineage.cascade.vocabulary import LEVELS, NO_OWNER, TIERS, ElementKind, Tier, Words
from lineage.render.diagram import Box, Diagram


def escape(text: str) -> str:
    """Text for an HTML-like label: its markup escaped, and each backslash doubled, because
    Graphviz reads \\N, \\G, \\E, \\T, \\H and \\L in a label as the node's, graph's or edge's
    names (a name "Sasaran \\N" was drawn with the box's id in it)."""
    return escape_markup(text).replace("\\", "\\\\")


FONT = "DejaVu Sans"
#: Point sizes of the box texts; `SMALLEST` is what the readability check scales.
TITLE_PT, LINE_PT, SMALL_PT = 9.0, 8.5, 8.0
SMALLEST = SMALL_PT
#: DejaVu Sans' mean advance width, in ems, for mixed Indonesian text.
CHAR_EM = 0.56
#: Left column of row labels, gap between boxes, and padding inside a box, in points.
LABEL_COLUMN, GAP, PADDING = 78.0, 4.5, 8.0
WRAP_MIN, WRAP_MAX = 16, 40

ROLE_STYLE = {  # fill, border
    "selected": ("#fff0e6", "#d9480f"),
    "contributor": ("#ebfbee", "#2b8a3e"),
    "path": ("#e7f0fd", "#1c5fb8"),
}
#: What a diagram writes besides the vocabulary's levels and tiers: the roles of a lineage's boxes
#: and the links to other cascades.
LABELS = {
    "id": {
        "selected": "dipilih",
        "contributor": "mendukung",
        "path": "jalur ke puncak",
        "serves": "Mendukung",
        "served_by": "Didukung oleh",
        "version": "Versi",
        "printed": "Dicetak",
        "levels": "Level",
    },
    "en": {
        "selected": "selected",
        "contributor": "rolls up into it",
        "path": "path to the top",
        "serves": "Serves",
        "served_by": "Served by",
        "version": "Version",
        "printed": "Printed",
        "levels": "Levels",
    },
}

#: A row of the diagram: the boxes of one level owned at one tier (None: boxes without owner).
Row = tuple[ElementKind, Tier | None]


def row_of(box: Box) -> Row:
    return (box.kind, box.tier)


def rows_of(diagram: Diagram) -> list[Row]:
    """The rows that hold boxes, top to bottom: by level, then by the owner's tier, so kegiatan
    owned at Eselon IV sit in a row above those owned by JAFUNG/STAF, as the source diagrams draw them."""
    return sorted({row_of(box) for box in diagram.boxes}, key=_row_order)


def _row_order(row: Row) -> tuple[int, int]:
    kind, tier = row
    return (kind.level, tier.rank if tier else len(TIERS))


def row_label(row: Row, lang: str) -> tuple[str, str]:
    """(the tier as the source diagram writes the row, in capitals; the level's word)."""
    kind, tier = row
    return (tier.label.upper() if tier else _in(NO_OWNER, lang).upper(), _in(LEVELS[kind].box, lang))


def _in(words: Words, lang: str) -> str:
    return words.en if lang == "en" else words.id


def wrap_width(diagram: Diagram, page_width_in: float) -> int:
    """Characters per line that let the widest row fit across the page at full size."""
    widest = max(Counter(row_of(box) for box in diagram.boxes).values(), default=1)
    per_box = (page_width_in * 72 - LABEL_COLUMN) / widest - GAP - PADDING
    return max(WRAP_MIN, min(WRAP_MAX, int(per_box / (CHAR_EM * LINE_PT))))


def to_dot(diagram: Diagram, *, page_in: tuple[float, float], lang: str = "id", wrap: int | None = None) -> str:
    """The DOT source; `page_in` (width, height in inches) is the printable area it is fitted to,
    `wrap` the characters per line in the boxes (default: what lets the widest row fit across)."""
    labels = LABELS[lang]
    width = wrap or wrap_width(diagram, page_in[0])
    out = [
        "digraph lineage {",
        f'  graph [rankdir=TB, newrank=true, nodesep={GAP / 72:.3f}, ranksep=0.12, size="{page_in[0]},{page_in[1]}",'
        f' pad=0.1, margin=0, fontname="{FONT}", labelloc=t, labeljust=l, label=<{_graph_label(diagram, labels, lang)}>];',
        f'  node [shape=plain, fontname="{FONT}"];',
        '  edge [dir=back, arrowtail=normal, arrowsize=0.6, color="#5b6575", penwidth=0.9];',
    ]
    drawn = rows_of(diagram)
    names = {row: f'"row:{row[0].value}:{row[1].value if row[1] else "-"}"' for row in drawn}
    for row in drawn:
        tier, level = row_label(row, lang)
        out.append(
            f'  {names[row]} [shape=plaintext, label=<<FONT POINT-SIZE="{LINE_PT}"><B>{escape(tier)}</B></FONT>'
            f'<BR/><FONT POINT-SIZE="{SMALL_PT}">{escape(level)}</FONT>>];'
        )
    if len(drawn) > 1:
        out.append("  " + " -> ".join(names[row] for row in drawn) + " [style=invis, weight=100];")
    for box in diagram.boxes:
        out.append(f"  {_quote(box.id)} [label=<{_box_label(box, width, lang)}>];")
    for row in drawn:
        same = " ".join(_quote(box.id) for box in diagram.boxes if row_of(box) == row)
        out.append(f"  {{ rank=same; {names[row]} {same} }}")
    for child, parent in diagram.links:
        out.append(f"  {_quote(parent)} -> {_quote(child)};")
    out.append("}")
    return "\n".join(out) + "\n"


def _graph_label(diagram: Diagram, labels: dict[str, str], lang: str) -> str:
    """The page's header (title; period or place; version and date) and its legend: the colour
    of each level drawn, and for a lineage the roles of its boxes."""
    stamp = " · ".join(
        filter(
            None,
            [
                f"{labels['version']} {diagram.version}" if diagram.version else None,
                f"{labels['printed']} {diagram.printed}" if diagram.printed else None,
            ],
        )
    )
    parts = [
        f'<FONT POINT-SIZE="13"><B>{escape(diagram.title)}</B></FONT>',
        f'<FONT POINT-SIZE="{LINE_PT}">{escape(diagram.subtitle)}</FONT>',
        *([f'<FONT POINT-SIZE="{SMALL_PT}" COLOR="#5b6575">{escape(stamp)}</FONT>'] if stamp else []),
    ]
    head = '<BR ALIGN="LEFT"/>'.join(parts) + '<BR ALIGN="LEFT"/>'
    kinds = [kind for kind in ElementKind if any(box.kind is kind for box in diagram.boxes)]
    chips = "".join(
        f'<TD BGCOLOR="{LEVELS[kind].colour}"><FONT POINT-SIZE="{SMALL_PT}" COLOR="white">'
        f"{escape(_in(LEVELS[kind].box, lang))}</FONT></TD>"
        for kind in kinds
    )
    if diagram.legend:
        chips += "".join(
            f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1"><FONT POINT-SIZE="{SMALL_PT}">{escape(labels[role])}</FONT></TD>'
            for role, (fill, border) in ROLE_STYLE.items()
        )
    span = max(len(kinds) + (len(ROLE_STYLE) if diagram.legend else 0), 1)
    return (
        f'<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="2"><TR><TD ALIGN="LEFT" COLSPAN="{span}">{head}</TD></TR>'
        f"<TR>{chips or '<TD></TD>'}</TR></TABLE>"
    )


def _box_label(box: Box, width: int, lang: str) -> str:
    labels = LABELS[lang]
    fill, border = ROLE_STYLE.get(box.role or "", ("#ffffff", "#9aa3b2"))
    pen = 3 if box.role == "selected" else 2 if box.role else 1
    colour = LEVELS[box.kind].colour
    head = escape(_in(LEVELS[box.kind].box, lang).upper()) + (f" {escape(box.code)}" if box.code else "")
    rows = [
        f'<TR><TD ALIGN="LEFT" BGCOLOR="{colour}"><FONT POINT-SIZE="{SMALL_PT}" COLOR="white"><B>{head}</B></FONT></TD></TR>'
    ]
    if box.context:
        rows.append(_text_row(box.context, width, SMALL_PT, colour="#5b6575"))
    if box.serves:
        rows.append(_text_row(f"{labels['serves']}: {box.serves}", width, SMALL_PT, colour="#5b6575"))
    rows.append(_text_row(box.title, width, TITLE_PT, bold=True))
    for line in box.lines:
        rows.append(_text_row(f"IK: {line.text}", width, LINE_PT, background="#f1f3f5"))
    if box.served_by:
        rows.append(_text_row(f"{labels['served_by']}: {box.served_by}", width, SMALL_PT, colour="#5b6575"))
    if box.owner:
        tier = box.tier.label if box.tier else None
        owner = box.owner + (f" ({tier})" if tier and tier.lower() not in box.owner.lower() else "")
        rows.append(_text_row(owner, width, SMALL_PT, colour="#5b6575", italic=True))
    return (
        f'<TABLE BORDER="{pen}" COLOR="{border}" BGCOLOR="{fill}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2"'
        f">{''.join(rows)}</TABLE>"
    )


def _text_row(
    text: str,
    width: int,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    background: str | None = None,
) -> str:
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]
    body = '<BR ALIGN="LEFT"/>'.join(escape(line) for line in lines) + '<BR ALIGN="LEFT"/>'
    if bold:
        body = f"<B>{body}</B>"
    if italic:
        body = f"<I>{body}</I>"
    font = f'<FONT POINT-SIZE="{size}"{f" COLOR={chr(34)}{colour}{chr(34)}" if colour else ""}>{body}</FONT>'
    bg = f' BGCOLOR="{background}"' if background else ""
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{bg}>{font}</TD></TR>'


def _quote(value: str) -> str:
    """A DOT id in double quotes (ids hold colons and dots)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
